package dev.kiroku.k8s.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kiroku.k8s.support.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kiroku's monitoring files read as data: the alert rules ({@code k8s/base/monitoring/kiroku-alerts.rules.yaml}),
 * their promtool unit tests ({@code k8s/src/test/promtool/kiroku-alerts.test.yaml}), the Grafana dashboard
 * ({@code k8s/base/monitoring/dashboards/kiroku.json}) and the metrics contract {@code docs/metrics.md}.
 */
public final class AlertRules {

    /** Metric names in a PromQL expression: Kiroku's own and the platform metrics the rules and dashboard use. */
    private static final Pattern METRIC = Pattern.compile("\\b(kiroku_[a-z0-9_]+|http_[a-z0-9_]+|agroal_[a-z0-9_]+|up)\\b");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern LISTED = Pattern.compile("^\\| `([a-zA-Z_:][a-zA-Z0-9_:]*)` \\|", Pattern.MULTILINE);

    private AlertRules() {
    }

    public static Path root() {
        return Repository.root();
    }

    public static Path testFile() {
        return root().resolve("k8s/src/test/promtool/kiroku-alerts.test.yaml");
    }

    public static Path dashboardFile() {
        return root().resolve("k8s/base/monitoring/dashboards/kiroku.json");
    }

    public static JsonNode yaml(Path file) {
        try {
            return new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The rule file's content as a tree. */
    public static JsonNode ruleFile() {
        return yaml(PrometheusRuleGenerator.rulesFile(root()));
    }

    /** Every alerting rule of the rule file, in order. */
    public static List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode group : ruleFile().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.add(new Alert(rule.path("alert").asText(), rule.path("expr").asText(),
                            rule.path("for").asText(""), strings(rule.path("labels")), strings(rule.path("annotations"))));
                }
            }
        }
        return alerts;
    }

    /** The promtool unit tests: for each alert name, the number of expected alerts of each of its test cases. */
    public static Map<String, List<Integer>> unitTestCases() {
        Map<String, List<Integer>> cases = new LinkedHashMap<>();
        for (JsonNode test : yaml(testFile()).path("tests")) {
            for (JsonNode c : test.path("alert_rule_test")) {
                cases.computeIfAbsent(c.path("alertname").asText(), a -> new ArrayList<>()).add(c.path("exp_alerts").size());
            }
        }
        return cases;
    }

    public static JsonNode dashboard() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(dashboardFile().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dashboardFile(), e);
        }
    }

    /** Every PromQL expression of the dashboard's panels, keyed "panel title / refId". */
    public static Map<String, String> dashboardQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(panel.path("title").asText() + " / " + target.path("refId").asText(), target.path("expr").asText());
            }
        }
        return queries;
    }

    /** The metric names an expression reads (label values in quotes ignored). */
    public static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = METRIC.matcher(QUOTED.matcher(expr).replaceAll("\"\""));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The metric names docs/metrics.md lists (first column of its tables). */
    public static Set<String> listedMetrics() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = LISTED.matcher(Repository.read(root().resolve("docs/metrics.md")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Whether a name used in a query is a listed metric, or a series of a listed timer ({@code _count}, ...). */
    public static boolean isListed(String name, Set<String> listed) {
        return listed.contains(name) || listed.contains(name.replaceFirst("_(count|sum|max|bucket)$", ""));
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** One alerting rule. */
    public record Alert(String name, String expr, String forDuration, Map<String, String> labels,
                        Map<String, String> annotations) {
        @Override
        public String toString() {
            return name;
        }
    }
}
