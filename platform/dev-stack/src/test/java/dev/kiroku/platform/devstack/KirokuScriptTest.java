package dev.kiroku.platform.devstack;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's script (`./kiroku` at the repository root) starts every service on 127.0.0.1 only, so nothing on
 * the network reaches a service past the gateway's policies; the gateway opens to the network only when asked.
 * Reads the environment `up` would start each service with ({@code ./kiroku env <service>}) and the configuration
 * {@code up --monitoring} would start Prometheus with ({@code ./kiroku prometheus-config}), without starting anything;
 * {@code ./kiroku status} is run against a pid directory of the test's own ({@code KIROKU_RUN_DIR}) and a stand-in
 * Keycloak on a free port, so it never looks at or touches a stack that runs on this machine.
 */
class KirokuScriptTest {

    static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().getParent().resolve("kiroku");
    static final List<String> SERVICES = List.of("provision-records", "joint-use", "breach-reporting", "gateway");

    static List<String> env(String service, Map<String, String> extra) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "env", service)
                .redirectErrorStream(true);
        builder.environment().remove("KIROKU_GATEWAY_HOST");
        builder.environment().putAll(extra);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void everyServiceAndTheGatewayListenOnLoopbackOnly() throws Exception {
        assertThat(SCRIPT).exists();
        for (String service : SERVICES) {
            assertThat(env(service, Map.of())).as(service).contains("QUARKUS_HTTP_HOST=127.0.0.1");
        }
    }

    @Test
    void theGatewayAloneOpensToTheNetworkWhenAsked() throws Exception {
        Map<String, String> open = Map.of("KIROKU_GATEWAY_HOST", "0.0.0.0");
        assertThat(env("gateway", open)).contains("QUARKUS_HTTP_HOST=0.0.0.0", "QUARKUS_HTTP_PORT=8080");
        for (String service : SERVICES.subList(0, 3)) {
            assertThat(env(service, open)).as(service).contains("QUARKUS_HTTP_HOST=127.0.0.1")
                    .doesNotContain("QUARKUS_HTTP_HOST=0.0.0.0");
        }
    }

    @Test
    void upStartsEachServiceWithTheEnvironmentItPrints() throws IOException {
        String script = Files.readString(SCRIPT);
        assertThat(script).contains("mapfile -t service_vars < <(service_env \"$name\")")
                .contains("start \"$name\" env \"${service_vars[@]}\" java");
        assertThat(script).doesNotContain("0.0.0.0}");
    }

    @Test
    void eachServiceConnectsAsItsApplicationRoleAndMigratesAsItsDatabasesOwner_issue13() throws Exception {
        for (String service : SERVICES.subList(0, 3)) {
            String db = service.replace('-', '_');
            List<String> env = env(service, Map.of());
            assertThat(env).as(service).contains("QUARKUS_DATASOURCE_USERNAME=" + db + "_app",
                    "QUARKUS_FLYWAY_USERNAME=" + db);
            assertThat(env).as(service + ": the audit log's outside sink, under the stack's data")
                    .anyMatch(line -> line.matches("KIROKU_AUDIT_SINK_FILE=.*/\\.kiroku/data/audit-sink/" + service
                            + "\\.jsonl"));
            assertThat(env).as(service + ": generated passwords")
                    .anyMatch(line -> line.matches("QUARKUS_DATASOURCE_PASSWORD=[A-Za-z0-9]{20,}"))
                    .anyMatch(line -> line.matches("QUARKUS_FLYWAY_PASSWORD=[A-Za-z0-9]{20,}"));
        }
        assertThat(env("gateway", Map.of())).noneMatch(line -> line.startsWith("QUARKUS_DATASOURCE_"));
    }

    record Run(int exit, String out) {
    }

    static Run status(Path runDir, Map<String, String> extra) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "status").redirectErrorStream(true);
        builder.environment().put("KIROKU_RUN_DIR", runDir.toString());
        builder.environment().putAll(extra);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    @Test
    void statusSaysEachPartIsStoppedAndFailsWhenNothingRuns(@TempDir Path runDir) throws Exception {
        Run run = status(runDir, Map.of());
        assertThat(run.out().lines()).contains("postgres: stopped", "keycloak: stopped", "provision-records: stopped",
                "joint-use: stopped", "breach-reporting: stopped", "gateway: stopped");
        assertThat(run.out()).contains("./kiroku up starts it");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void statusProbesTheReadinessOfWhatRunsAndNamesItsUrls(@TempDir Path runDir) throws Exception {
        AtomicInteger keycloakAnswers = new AtomicInteger(200);
        HttpServer keycloak = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        keycloak.createContext("/realms/kiroku/.well-known/openid-configuration", exchange -> {
            exchange.sendResponseHeaders(keycloakAnswers.get(), -1);
            exchange.close();
        });
        keycloak.start();
        Process alive = new ProcessBuilder("sleep", "300").start(); // stands in for the processes `up` would start
        try {
            for (String part : List.of("postgres", "keycloak", "joint-use")) {
                Files.writeString(runDir.resolve(part + ".pid"), alive.pid() + "\n");
            }
            String port = String.valueOf(keycloak.getAddress().getPort());
            // PostgreSQL counts as ready when its port accepts connections: the stand-in's port does
            Map<String, String> ports = Map.of("KIROKU_KEYCLOAK_PORT", port, "KIROKU_PG_PORT", port);
            Run ready = status(runDir, ports);
            assertThat(ready.out().lines()).contains(
                    "postgres: running (pid " + alive.pid() + "), ready",
                    "keycloak: running (pid " + alive.pid() + "), ready",
                    "  realm      http://127.0.0.1:" + port + "/realms/kiroku",
                    "  admin      http://127.0.0.1:" + port + "/admin/",
                    "  Swagger UI http://127.0.0.1:8082/q/swagger-ui/",
                    "  health     http://127.0.0.1:8082/q/health/ready",
                    "gateway: stopped");
            // whether something answers on 8082 here is not the test's business: the line says one or the other
            assertThat(ready.out().lines()).anyMatch(line -> line.matches(
                    "joint-use: running \\(pid " + alive.pid() + "\\), (ready|NOT ready \\(log: .*joint-use.log\\))"));
            assertThat(ready.exit()).as("not every part runs").isEqualTo(1);

            keycloakAnswers.set(503);
            Run notReady = status(runDir, ports);
            assertThat(notReady.out().lines()).anyMatch(line -> line.startsWith(
                    "keycloak: running (pid " + alive.pid() + "), NOT ready (log: "));
        } finally {
            alive.destroy();
            keycloak.stop(0);
        }
    }

    static String run(Map<String, String> extra, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(extra);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() + "\n" + out;
    }

    @Test
    void withMonitoringPrometheusScrapesEveryServiceAndTheGatewayOnLoopbackAsJobsNamedAfterThem_issue16() throws Exception {
        String result = run(Map.of(), "prometheus-config");
        assertThat(result).startsWith("0\n");
        String config = result.substring(2);

        for (String service : SERVICES) {
            String port = env(service, Map.of()).stream().filter(l -> l.startsWith("QUARKUS_HTTP_PORT="))
                    .findFirst().orElseThrow().substring("QUARKUS_HTTP_PORT=".length());
            assertThat(config).as(service).contains("  - job_name: " + service + "\n    metrics_path: /q/metrics\n"
                    + "    static_configs:\n      - targets: ['127.0.0.1:" + port + "']\n");
        }
        assertThat(config.split("job_name:", -1)).hasSize(SERVICES.size() + 1);
    }

    @Test
    void withMonitoringPrometheusEvaluatesTheSameAlertRulesAsKubernetes_issue16() throws Exception {
        String config = run(Map.of(), "prometheus-config");
        Path rules = SCRIPT.getParent().resolve("k8s/base/monitoring/kiroku-alerts.rules.yaml");

        assertThat(rules).isRegularFile();
        assertThat(config).contains("rule_files:\n  - " + rules + "\n");
        assertThat(Files.readString(SCRIPT.getParent().resolve("k8s/base/monitoring/prometheusrule.yaml")))
                .as("the PrometheusRule is generated from the same file").contains("kiroku-alerts.rules.yaml");
    }

    @Test
    void withMonitoringPrometheusListensOnLoopbackKeepsItsDataUnderDotKirokuAndStopsWithDown_issue16() throws IOException {
        String script = Files.readString(SCRIPT);

        assertThat(script).contains("--web.listen-address=\"127.0.0.1:$PROM_PORT\"")
                .contains("--storage.tsdb.path=\"$DATA/prometheus\"")
                .contains("--config.file=\"$STATE/prometheus/prometheus.yml\"");
        assertThat(script).as("only --monitoring starts it").contains("[[ $monitoring == 0 ]] || start_prometheus")
                .contains("--monitoring) monitoring=1 ;;");
        String down = script.substring(script.indexOf("\ndown() {"), script.indexOf("\n}", script.indexOf("\ndown() {")));
        assertThat(down).contains("stop_one prometheus");
    }

    @Test
    void withMonitoringButNoPrometheusUpSaysHowToInstallItAndStartsNothing_issue16() throws Exception {
        String result = run(Map.of("KIROKU_PROMETHEUS", "/nonexistent/prometheus"), "up", "--monitoring");

        assertThat(result).doesNotStartWith("0\n").contains("apt-get install -y prometheus")
                .doesNotContain("Starting");
    }
}
