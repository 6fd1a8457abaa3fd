package dev.kiroku.gateway.routing;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a request may do at the gateway from the route-policy table: the policies with the longest prefix
 * matching the path govern it; one of them must allow the method (else 405 with the methods they allow); its roles
 * (any one) are required unless it is public.
 */
public final class RoutePolicies {

    /** One row of the table. */
    public record Policy(String name, String prefix, Set<String> methods, Set<String> roles, boolean isPublic) {

        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
        }

        /** The route template logged instead of the path (which may carry identifiers). */
        public String template() {
            return prefix + "/**";
        }
    }

    /** The outcome for one request. */
    public sealed interface Decision {
        /** Allowed by a policy (roles still to check unless public). */
        record Governed(Policy policy) implements Decision {
        }

        /** No policy names the path: any valid token, any method. */
        record Ungoverned() implements Decision {
        }

        /** The path is governed but not for this method. */
        record MethodNotAllowed(Set<String> allowed, String template) implements Decision {
        }
    }

    private final List<Policy> policies;

    public RoutePolicies(List<Policy> policies) {
        this.policies = policies.stream().sorted(Comparator.comparingInt((Policy p) -> p.prefix().length()).reversed())
                .toList();
    }

    public static RoutePolicies of(GatewayConfig config) {
        return new RoutePolicies(config.routes().entrySet().stream()
                .map(e -> new Policy(e.getKey(), strip(e.getValue().prefix()),
                        upper(e.getValue().methods()), Set.copyOf(e.getValue().roles().orElse(List.of())),
                        e.getValue().isPublic()))
                .toList());
    }

    public Decision decide(String path, String method) {
        Optional<Policy> longest = policies.stream().filter(p -> p.matches(path)).findFirst();
        if (longest.isEmpty()) {
            return new Decision.Ungoverned();
        }
        int length = longest.get().prefix().length();
        List<Policy> governing = policies.stream()
                .filter(p -> p.prefix().length() == length && p.matches(path)).toList();
        return governing.stream().filter(p -> p.methods().contains(method)).findFirst()
                .<Decision>map(Decision.Governed::new)
                .orElseGet(() -> {
                    Set<String> allowed = new LinkedHashSet<>();
                    governing.forEach(p -> allowed.addAll(p.methods()));
                    return new Decision.MethodNotAllowed(allowed, longest.get().template());
                });
    }

    /** Whether any public policy governs the path: such paths pass without a token. */
    public boolean isPublicPath(String path) {
        return policies.stream().filter(p -> p.matches(path)).findFirst().map(Policy::isPublic).orElse(false);
    }

    private static String strip(String prefix) {
        return prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static Set<String> upper(List<String> methods) {
        Set<String> set = new LinkedHashSet<>();
        methods.forEach(m -> set.add(m.trim().toUpperCase(java.util.Locale.ROOT)));
        return set;
    }
}
