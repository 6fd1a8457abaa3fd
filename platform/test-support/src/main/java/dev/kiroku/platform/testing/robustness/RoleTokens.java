package dev.kiroku.platform.testing.robustness;

import dev.kiroku.platform.testing.DemoLogins;
import dev.kiroku.platform.testing.KeycloakTokens;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.robustness.OpenApiDocument.Operation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bearer token of a role allowed to call an operation: the first of its roles in {@link #PREFERENCE} (the broadest
 * first, so the request reaches the most of the operation). Either real Keycloak tokens of the demo logins (through
 * the gateway) or locally signed ones ({@link LocalTokens}, for a service's own tests). Tokens are cached per role and
 * renewed every four minutes (they live five).
 */
public final class RoleTokens implements Function<Operation, String> {

    /** The roles, the broadest first. */
    static final List<String> PREFERENCE = List.of("compliance-officer", "breach-manager", "ingest", "auditor",
            "service-breach-reporting");

    /** The demo login holding each role in {@code keycloak/kiroku-realm.json}. */
    private static final Map<String, String> KEYCLOAK_LOGIN = Map.of(
            "compliance-officer", DemoLogins.OFFICER,
            "auditor", DemoLogins.AUDITOR,
            "breach-manager", DemoLogins.BREACH_MANAGER,
            "ingest", DemoLogins.DEMO_CRM);

    private record Cached(String token, long at) {
    }

    private final Function<String, String> mint;
    /** The roles this source can mint a token of. */
    private final java.util.function.Predicate<String> mintable;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private RoleTokens(Function<String, String> mint, java.util.function.Predicate<String> mintable) {
        this.mint = mint;
        this.mintable = mintable;
    }

    /** Locally signed tokens (the service runs with {@link LocalTokens.Profile}). */
    public static RoleTokens local() {
        return new RoleTokens(role -> LocalTokens.user("robustness-" + role, role), role -> true);
    }

    /** Real Keycloak tokens of the demo logins. */
    public static RoleTokens keycloak() {
        return new RoleTokens(role -> {
            String login = KEYCLOAK_LOGIN.get(role);
            if (login == null) {
                throw new IllegalArgumentException("no demo login holds the role " + role);
            }
            return DemoLogins.DEMO_CRM.equals(login)
                    ? KeycloakTokens.forClient(DemoLogins.DEMO_CRM, DemoLogins.DEMO_CRM_SECRET)
                    : KeycloakTokens.forUser(login);
        }, KEYCLOAK_LOGIN::containsKey);
    }

    /** The role the suite calls an operation as (null for a public one). */
    public static String roleFor(Operation op) {
        if (op.isPublic() || op.roles().isEmpty()) {
            return null;
        }
        return PREFERENCE.stream().filter(op.roles()::contains).findFirst().orElse(op.roles().iterator().next());
    }

    /** The {@code Authorization} header value for the operation, or null for a public one. */
    @Override
    public String apply(Operation op) {
        String role = roleFor(op);
        return role == null ? null : authorization(role);
    }

    /**
     * The {@code Authorization} header value of a role the operation does not allow (the first such in
     * {@link #PREFERENCE} this source can mint), or null when it allows them all or is public.
     */
    public String refused(Operation op) {
        String role = refusedRole(op);
        return role == null ? null : authorization(role);
    }

    /** The role {@link #refused} calls the operation as (null: none). */
    String refusedRole(Operation op) {
        if (op.isPublic() || op.roles().isEmpty()) {
            return null;
        }
        return PREFERENCE.stream().filter(r -> !op.roles().contains(r) && mintable.test(r)).findFirst().orElse(null);
    }

    private String authorization(String role) {
        long now = System.currentTimeMillis();
        Cached c = cache.compute(role, (r, old) -> old != null && now - old.at() < 240_000 ? old
                : new Cached(mint.apply(r), now));
        return "Bearer " + c.token();
    }
}
