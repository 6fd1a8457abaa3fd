package dev.kiroku.gateway.routing;

import dev.kiroku.gateway.config.GatewayConfig;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides what a request may do at the gateway from the route-policy table: the policies with the most specific prefix
 * matching the path govern it (more segments, then more literal characters; {@code *} matches one segment); one of them must allow the method (else 405 with the methods they allow); its roles
 * (any one) are required unless it is public.
 */
public final class RoutePolicies {

    /**
     * One row of the table. A prefix matches whole path segments; a segment {@code *} matches any one segment (an
     * identifier), so one operation's roles can be stated where a prefix alone would cover its siblings too.
     */
    public record Policy(String name, String prefix, Set<String> methods, Set<String> roles, boolean isPublic) {

        boolean matches(String path) {
            int star = prefix.indexOf('*');
            if (star < 0) {
                return path.startsWith(prefix) && (path.length() == prefix.length() || prefix.endsWith("/")
                        || path.charAt(prefix.length()) == '/');
            }
            // the literal head before the first wildcard settles most paths without splitting them (per request)
            if (!path.regionMatches(0, prefix, 0, star)) {
                return false;
            }
            String[] want = prefix.split("/", -1);
            String[] have = path.split("/", -1);
            if (have.length < want.length) {
                return false;
            }
            for (int i = 0; i < want.length; i++) {
                if (!want[i].equals("*") ? !want[i].equals(have[i]) : have[i].isEmpty()) {
                    return false;
                }
            }
            return true;
        }

        /** More segments first, then more literal characters: the most specific policy governs. */
        int specificity() {
            int segments = prefix.split("/", -1).length;
            return segments * 10_000 + prefix.replace("*", "").length();
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
    /** The specificity of each policy, in the order of {@link #policies} (computed once, not per request). */
    private final int[] specificities;

    public RoutePolicies(List<Policy> policies) {
        this.policies = policies.stream().sorted(Comparator.comparingInt(Policy::specificity).reversed()).toList();
        this.specificities = this.policies.stream().mapToInt(Policy::specificity).toArray();
    }

    public static RoutePolicies of(GatewayConfig config) {
        return new RoutePolicies(config.routes().entrySet().stream()
                .map(e -> new Policy(e.getKey(), strip(e.getValue().prefix()),
                        upper(e.getValue().methods()), Set.copyOf(e.getValue().roles().orElse(List.of())),
                        e.getValue().isPublic()))
                .toList());
    }

    public Decision decide(String path, String method) {
        int first = -1;
        for (int i = 0; i < policies.size(); i++) {
            if (policies.get(i).matches(path)) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return new Decision.Ungoverned();
        }
        Set<String> allowed = null;
        for (int i = first; i < policies.size() && specificities[i] == specificities[first]; i++) {
            Policy p = policies.get(i);
            if (!p.matches(path)) {
                continue;
            }
            if (p.methods().contains(method)) {
                return new Decision.Governed(p);
            }
            if (allowed == null) {
                allowed = new LinkedHashSet<>();
            }
            allowed.addAll(p.methods());
        }
        return new Decision.MethodNotAllowed(allowed, policies.get(first).template());
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
