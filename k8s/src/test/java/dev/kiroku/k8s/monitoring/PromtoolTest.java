package dev.kiroku.k8s.monitoring;

import dev.kiroku.k8s.support.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules checked and unit-tested by Prometheus' own promtool (Debian's package {@code prometheus}), and the
 * dashboard's queries parsed by it. Runs only in the k8s module's {@code promtool} profile, active where
 * /usr/bin/promtool exists ({@code sudo apt-get install -y prometheus}); {@code .ci/run} installs it.
 */
class PromtoolTest {

    static final String PROMTOOL = System.getProperty("kiroku.promtool", "/usr/bin/promtool");

    @Test
    void promtoolFindsTheAlertRulesValid() throws Exception {
        Result check = promtool("check", "rules", PrometheusRuleGenerator.rulesFile(Repository.root()).toString());

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + AlertRules.alerts().size() + " rules found");
    }

    @Test
    void everyAlertFiresAndStaysQuietExactlyAsItsUnitTestsExpect() throws Exception {
        Result test = promtool("test", "rules", AlertRules.testFile().toString());

        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyDashboardQueryIsValidPromQL(@TempDir Path dir) throws Exception {
        Map<String, String> queries = AlertRules.dashboardQueries();
        Path rules = dir.resolve("dashboard-queries.rules.yaml");
        Files.writeString(rules, asRecordingRules(new ArrayList<>(queries.values())), StandardCharsets.UTF_8);

        Result check = promtool("check", "rules", rules.toString());

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void promtoolRejectsAnInvalidQueryAndAFailingUnitTest(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("broken.rules.yaml");
        Files.writeString(rules, asRecordingRules(List.of("max by (kind) (kiroku_breach_filings_open{due=\"overdue\"")));
        Path firing = dir.resolve("firing.rules.yaml");
        Files.writeString(firing, """
                groups:
                  - name: sample
                    rules:
                      - alert: Sample
                        expr: up == 0
                """);
        Path test = dir.resolve("firing.test.yaml");
        Files.writeString(test, """
                rule_files: [firing.rules.yaml]
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'up{job="gateway"}'
                        values: '0x5'
                    alert_rule_test:
                      - eval_time: 5m
                        alertname: Sample
                        exp_alerts: []
                """);

        assertThat(promtool("check", "rules", rules.toString()).exit()).isNotZero();
        Result failing = promtool("test", "rules", test.toString());
        assertThat(failing.exit()).isNotZero();
        assertThat(failing.output()).contains("FAILED");
    }

    private static String asRecordingRules(List<String> queries) {
        StringBuilder yaml = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            yaml.append("      - record: dashboard:query:").append(i).append('\n')
                    .append("        expr: '").append(queries.get(i).replace("'", "''")).append("'\n");
        }
        return yaml.toString();
    }

    private static Result promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PROMTOOL));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("promtool finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    record Result(int exit, String output) {
    }
}
