package dev.kiroku.k8s.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kiroku.k8s.support.Installation;
import dev.kiroku.k8s.support.Kustomize;
import dev.kiroku.k8s.support.Manifests;
import dev.kiroku.k8s.support.Network;
import dev.kiroku.k8s.support.Repository;
import dev.kiroku.k8s.support.Selectors;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring part of the base (k8s/base/monitoring): the PrometheusRule is exactly the rule file, every alert is
 * complete and unit-tested both ways, the rules and the dashboard use only metrics docs/metrics.md lists, a PodMonitor
 * scrapes each service and the gateway where they serve /q/metrics, the CloudNativePG clusters have their pod monitors
 * on, and the dashboard reaches Grafana's sidecar. promtool itself runs in {@link PromtoolTest}.
 */
class MonitoringTest {

    /** Set to true (-Dkiroku.prometheus-rule.regenerate=true) to rewrite the committed PrometheusRule instead of failing. */
    static final String REGENERATE = "kiroku.prometheus-rule.regenerate";
    static final Set<String> SEVERITIES = Set.of("critical", "warning");

    @BeforeAll
    static void regenerate() {
        if (Boolean.getBoolean(REGENERATE)) {
            PrometheusRuleGenerator.write(Repository.root());
        }
    }

    static List<Kustomize.Target> targets() {
        return Kustomize.targets();
    }

    @Test
    void theCommittedPrometheusRuleIsWhatTheGeneratorMakesOfTheRuleFile() {
        assertThat(Repository.read(PrometheusRuleGenerator.outputFile(Repository.root())))
                .as("k8s/base/monitoring/prometheusrule.yaml is out of date with kiroku-alerts.rules.yaml; regenerate it: "
                        + "./mvnw -B verify -pl k8s -D" + REGENERATE + "=true")
                .isEqualTo(PrometheusRuleGenerator.generate(Repository.root()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theRenderedPrometheusRuleCarriesExactlyTheRuleFilesGroups(Kustomize.Target target) {
        List<Manifests.Manifest> rules = target.manifests().custom(Manifests.MONITORING, "PrometheusRule");

        assertThat(rules).extracting(Manifests.Manifest::name).containsExactly("kiroku-alerts");
        assertThat(rules.get(0).spec()).isEqualTo(AlertRules.ruleFile());
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionAndRunbookLinkAndTheAlertsCoverTheIssuesList() {
        List<AlertRules.Alert> alerts = AlertRules.alerts();

        assertThat(alerts).extracting(AlertRules.Alert::name).doesNotHaveDuplicates().contains(
                "KirokuBreachReportDueWithinOneBusinessDay", "KirokuBreachReportOverdue",
                "KirokuFinalReportDueWithinFiveDays", "KirokuBreachNoticesUnconfirmed", "KirokuBreachNoticesFailed",
                "KirokuBreachJobsFailed", "KirokuAuditVerificationFailing", "KirokuHighServerErrorRate",
                "KirokuServiceDown");
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.name()).startsWith("Kiroku");
            assertThat(a.labels().get("severity")).as("severity of %s", a).isIn(SEVERITIES);
            assertThat(a.forDuration()).as("for of %s", a).matches("\\d+[smh]");
            assertThat(a.annotations()).as("annotations of %s", a).containsOnlyKeys("summary", "description", "runbook_url");
            assertThat(a.annotations().get("summary")).as("summary of %s", a).isNotBlank().doesNotContain("\n");
            assertThat(a.annotations().get("description")).as("description of %s", a).hasSizeGreaterThan(60);
            assertThat(a.annotations().get("runbook_url")).as("runbook_url of %s", a)
                    .isEqualTo("k8s/README.md#" + a.name().toLowerCase());
        });
    }

    @Test
    void everyAlertIsUnitTestedFiringAndNotFiring() {
        Map<String, List<Integer>> cases = AlertRules.unitTestCases();

        assertThat(cases.keySet()).as("alerts named by the promtool unit tests")
                .containsExactlyInAnyOrderElementsOf(AlertRules.alerts().stream().map(AlertRules.Alert::name).toList());
        assertThat(cases).allSatisfy((alert, expected) -> {
            assertThat(expected).as("%s: a case where it fires", alert).anyMatch(n -> n > 0);
            assertThat(expected).as("%s: a case where it does not fire", alert).contains(0);
        });
    }

    @Test
    void everyMetricTheRulesAndTheDashboardUseIsListedInDocsMetrics() {
        Set<String> listed = AlertRules.listedMetrics();
        Map<String, String> queries = new TreeMap<>();
        AlertRules.alerts().forEach(a -> queries.put("alert " + a.name(), a.expr()));
        AlertRules.dashboardQueries().forEach((panel, expr) -> queries.put("dashboard " + panel, expr));
        List<String> unlisted = new ArrayList<>();
        Set<String> used = new TreeSet<>();

        queries.forEach((where, expr) -> AlertRules.metricNames(expr).forEach(name -> {
            used.add(name);
            if (!AlertRules.isListed(name, listed)) {
                unlisted.add(where + ": " + name);
            }
        }));

        assertThat(listed).as("docs/metrics.md's tables").contains("kiroku_breach_filings_open", "up");
        assertThat(used).as("metrics used").contains("kiroku_breach_filings_open", "kiroku_breach_notices",
                "kiroku_provision_events_total", "kiroku_disclosure_duration_seconds_sum", "http_server_requests_seconds_count");
        assertThat(unlisted).as("metrics docs/metrics.md does not list").isEmpty();
    }

    @Test
    void theMetricNameReaderFindsMetricsButNotFunctionsLabelsOrLabelValues() {
        assertThat(AlertRules.metricNames("max by (kind) (kiroku_breach_filings_open{due=\"kiroku_not_a_metric\"}) > 0 "
                + "or absent(up{job=\"gateway\"}) / rate(http_server_requests_seconds_count[5m])"))
                .containsExactly("kiroku_breach_filings_open", "up", "http_server_requests_seconds_count");
        assertThat(AlertRules.isListed("kiroku_disclosure_duration_seconds_max", Set.of("kiroku_disclosure_duration_seconds")))
                .isTrue();
        assertThat(AlertRules.isListed("kiroku_disclosures", Set.of("kiroku_disclosures_total"))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aPodMonitorScrapesEachServiceAndTheGatewayOnTheirHttpPortAsTheJobTheRulesName(Kustomize.Target target) {
        Installation installation = new Installation(target.manifests());
        List<Manifests.Manifest> monitors = target.manifests().custom(Manifests.MONITORING, "PodMonitor");
        Set<String> jobs = new TreeSet<>();

        for (Repository.ServiceModule service : Repository.services()) {
            Deployment deployment = installation.deployment(service);
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            List<Manifests.Manifest> scraping = monitors.stream()
                    .filter(m -> Selectors.matches(selector(m), podLabels)).toList();
            assertThat(scraping).as("PodMonitors selecting the pods of %s", service.name()).hasSize(1);
            JsonNode spec = scraping.get(0).spec();
            assertThat(installation.pods().stream().filter(p -> Selectors.matches(selector(scraping.get(0)), p.labels())))
                    .as("pods selected by PodMonitor %s", scraping.get(0).name()).hasSize(1);
            String jobLabel = spec.path("jobLabel").asText();
            assertThat(podLabels.get(jobLabel)).as("job of %s", service.name()).isEqualTo(service.name());
            jobs.add(podLabels.get(jobLabel));
            assertThat(spec.path("podMetricsEndpoints")).hasSize(1);
            JsonNode endpoint = spec.path("podMetricsEndpoints").get(0);
            assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
            Network.Port port = Network.podsOf(deployment).ports().stream()
                    .filter(p -> p.name().equals(endpoint.path("port").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError(service.name() + " has no port " + endpoint.path("port")));
            assertThat(port.number()).as("metrics port of %s", service.name()).isEqualTo(service.httpPort());
        }
        assertThat(monitors).hasSize(Repository.services().size());
        Pattern jobRegex = Pattern.compile("job=~\"([^\"]+)\"");
        for (AlertRules.Alert alert : AlertRules.alerts()) {
            Matcher m = jobRegex.matcher(alert.expr());
            while (m.find()) {
                assertThat(new TreeSet<>(List.of(m.group(1).split("\\|")))).as("jobs named by %s", alert).isEqualTo(jobs);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyCloudNativePgClusterHasItsPodMonitorOn(Kustomize.Target target) {
        List<Manifests.Manifest> clusters = new Installation(target.manifests()).cnpgClusters();

        assertThat(clusters).isNotEmpty().allSatisfy(c -> assertThat(c.spec().path("monitoring").path("enablePodMonitor")
                .asBoolean()).as("monitoring.enablePodMonitor of %s", c).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theDashboardIsAConfigMapGrafanasSidecarLoads(Kustomize.Target target) throws IOException {
        ConfigMap dashboard = target.manifests().get(ConfigMap.class, "kiroku-grafana-dashboard");

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getData()).containsOnlyKeys("kiroku.json");
        JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("kiroku.json"));
        assertThat(json).isEqualTo(AlertRules.dashboard());
        assertThat(json.path("uid").asText()).isEqualTo("kiroku-overview");
        assertThat(json.path("templating").path("list").get(0).path("type").asText()).isEqualTo("datasource");
        List<String> titles = new ArrayList<>();
        json.path("panels").forEach(p -> {
            titles.add(p.path("title").asText());
            if (!p.path("type").asText().equals("row")) {
                assertThat(p.path("targets")).as("queries of panel %s", p.path("title")).isNotEmpty()
                        .allSatisfy(t -> assertThat(t.path("expr").asText()).isNotBlank());
                assertThat(p.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            }
        });
        assertThat(String.join("|", titles)).contains("deadlines", "Notices", "Ingest", "latency", "5xx");
    }

    private static LabelSelector selector(Manifests.Manifest monitor) {
        return new YAMLMapper().convertValue(monitor.spec().path("selector"), LabelSelector.class);
    }
}
