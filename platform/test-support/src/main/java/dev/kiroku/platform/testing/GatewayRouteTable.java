package dev.kiroku.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gateway's route-policy table ({@code kiroku.gateway.routes.*} in gateway/src/main/resources/application.properties)
 * as the services' tests read it, to check that each operation's {@code @RolesAllowed} and the gateway's policy state
 * the same roles. The matching is the gateway's own (its {@code RoutePolicies}, pinned by the gateway's
 * {@code RoutePoliciesTest}): the most specific matching prefix governs (more segments, then more literal characters;
 * {@code *} matches one non-empty segment), and among the policies of that prefix the one allowing the method.
 */
public final class GatewayRouteTable {

    static final String FILE = "gateway/src/main/resources/application.properties";
    private static final String PREFIX = "kiroku.gateway.routes.";

    /** One row of the table. */
    public record Route(String name, String prefix, Set<String> methods, Set<String> roles, boolean isPublic) {

        boolean matches(String path) {
            String[] want = prefix.split("/", -1);
            String[] have = path.split("/", -1);
            if (have.length < want.length) {
                return false;
            }
            for (int i = 0; i < want.length; i++) {
                boolean ok = want[i].equals("*") ? !have[i].isEmpty() : want[i].equals(have[i]);
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        int specificity() {
            return prefix.split("/", -1).length * 10_000 + prefix.replace("*", "").length();
        }
    }

    private final List<Route> routes;

    GatewayRouteTable(List<Route> routes) {
        this.routes = routes.stream().sorted(Comparator.comparingInt(Route::specificity).reversed()).toList();
    }

    /** The table of the repository this test runs in (found from the working directory upwards). */
    public static GatewayRouteTable ofRepository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(FILE))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no " + FILE + " above " + Path.of("").toAbsolutePath());
        }
        return parse(dir.resolve(FILE));
    }

    static GatewayRouteTable parse(Path file) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                String rest = key.substring(PREFIX.length());
                int dot = rest.lastIndexOf('.');
                byName.computeIfAbsent(rest.substring(0, dot), n -> new LinkedHashMap<>())
                        .put(rest.substring(dot + 1), p.getProperty(key).trim());
            }
        }
        List<Route> routes = new ArrayList<>();
        byName.forEach((name, v) -> {
            String prefix = v.get("prefix");
            if (prefix.length() > 1 && prefix.endsWith("/")) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
            routes.add(new Route(name, prefix, split(v.get("methods")).stream()
                    .map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toCollection(LinkedHashSet::new)),
                    split(v.get("roles")), Boolean.parseBoolean(v.getOrDefault("public", "false"))));
        });
        return new GatewayRouteTable(routes);
    }

    private static Set<String> split(String list) {
        return list == null || list.isBlank() ? Set.of()
                : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The route that governs a request, if one allows its method. */
    public Optional<Route> governing(String path, String method) {
        Route first = routes.stream().filter(r -> r.matches(path)).findFirst().orElse(null);
        if (first == null) {
            return Optional.empty();
        }
        return routes.stream().filter(r -> r.specificity() == first.specificity() && r.matches(path)
                && r.methods().contains(method)).findFirst();
    }
}
