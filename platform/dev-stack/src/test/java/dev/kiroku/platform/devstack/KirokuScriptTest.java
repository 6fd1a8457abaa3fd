package dev.kiroku.platform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.kiroku.platform.audit.note.NoteKey;
import dev.kiroku.platform.audit.witness.WitnessResource;
import dev.kiroku.platform.web.KirokuRoles;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

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
        // clients reach the gateway's front door; Quarkus' own server behind it stays on the loopback address
        assertThat(env("gateway", open)).contains("KIROKU_GATEWAY_FRONT_DOOR_HOST=0.0.0.0",
                        "KIROKU_GATEWAY_FRONT_DOOR_PORT=8080", "QUARKUS_HTTP_HOST=127.0.0.1", "QUARKUS_HTTP_PORT=8079")
                .doesNotContain("QUARKUS_HTTP_HOST=0.0.0.0");
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

    /** The environment `up` starts a service with, by variable (the lines before the first '='). */
    static Map<String, String> envMap(String service) throws IOException, InterruptedException {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : env(service, Map.of())) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Z_][A-Z0-9_]*")) {
                vars.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return vars;
    }

    /** The local keys file `up` (and `env`) generates once: NAME=value lines. */
    static Map<String, String> localKeys() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SCRIPT.getParent().resolve(".kiroku/keys.env"))) {
            if (!line.startsWith("#") && line.contains("=")) {
                keys.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return keys;
    }

    @Test
    void theThreeServicesWitnessEachOthersLogsWithTheirOwnKeysAndVerifierKeysDerivedAsTheServicesDeriveThem_issue13()
            throws Exception {
        List<String> logs = SERVICES.subList(0, 3);
        Map<String, Map<String, String>> envs = new LinkedHashMap<>();
        for (String service : logs) {
            envs.put(service, envMap(service));
        }
        Map<String, String> keys = localKeys();
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] signingSeed = base64.decode(keys.get("KIROKU_CRYPTO_AUDIT_SIGNING_KEY"));
        Map<String, String> logKeys = new LinkedHashMap<>();
        Map<String, String> witnessKeys = new LinkedHashMap<>();
        for (String service : logs) {
            Map<String, String> env = envs.get(service);
            String seed = env.get("KIROKU_CRYPTO_AUDIT_WITNESS_KEY");
            assertThat(seed).as(service + ": its own witness key, kept in the local keys file")
                    .isEqualTo(keys.get("KIROKU_CRYPTO_AUDIT_WITNESS_KEY_" + service.replace('-', '_').toUpperCase()));
            assertThat(base64.decode(seed)).hasSize(32);
            assertThat(env).containsEntry("KIROKU_AUDIT_ORIGIN", "kiroku.localhost/" + service)
                    .containsEntry("KIROKU_AUDIT_WITNESS_NAME", "kiroku.localhost/" + service + "/witness");
            // what the service itself serves at …/verifier-key and …/witness/verifier-key (platform/audit NoteKey)
            logKeys.put(service, NoteKey.signing("kiroku.localhost/" + service, signingSeed).verifierKey());
            witnessKeys.put(service, NoteKey.cosigning("kiroku.localhost/" + service + "/witness",
                    base64.decode(seed)).verifierKey());
        }
        assertThat(logs.stream().map(s -> envs.get(s).get("KIROKU_CRYPTO_AUDIT_WITNESS_KEY")).distinct())
                .as("three different witness keys: no service can cosign as another").hasSize(3);

        String realmSecret = witnessClientSecretOfTheRealm();
        for (String service : logs) {
            Map<String, String> env = envs.get(service);
            List<String> peers = logs.stream().filter(s -> !s.equals(service)).toList();
            assertThat(env.get("KIROKU_AUDIT_WITNESS_LOGS")).as(service + " witnesses the two other logs")
                    .isEqualTo(peers.stream().map(logKeys::get).collect(Collectors.joining(",")));
            for (int i = 0; i < peers.size(); i++) {
                String peer = peers.get(i);
                String port = envs.get(peer).get("QUARKUS_HTTP_PORT");
                assertThat(env).as(service + "'s log submits to " + peer)
                        .containsEntry("KIROKU_AUDIT_WITNESS_SUBMIT_TO_" + i + "__URL",
                                "http://127.0.0.1:" + port + "/api/v1/audit/" + peer + "/witness/add-checkpoint")
                        .containsEntry("KIROKU_AUDIT_WITNESS_SUBMIT_TO_" + i + "__VERIFIER_KEY", witnessKeys.get(peer));
            }
            assertThat(env).doesNotContainKey("KIROKU_AUDIT_WITNESS_SUBMIT_TO_2__URL")
                    .containsEntry("KIROKU_AUDIT_WITNESS_CLIENT_TOKEN_URL",
                            "http://127.0.0.1:8180/realms/kiroku/protocol/openid-connect/token")
                    .containsEntry("KIROKU_AUDIT_WITNESS_CLIENT_ID", "kiroku-audit-witness")
                    .containsEntry("KIROKU_AUDIT_WITNESS_CLIENT_SECRET", realmSecret);
            String own = "KIROKU_CRYPTO_AUDIT_WITNESS_KEY_" + service.replace('-', '_').toUpperCase();
            List<String> othersSeeds = keys.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("KIROKU_CRYPTO_AUDIT_WITNESS_KEY_") && !e.getKey().equals(own))
                    .map(Map.Entry::getValue).toList();
            assertThat(othersSeeds).hasSize(2);
            assertThat(env.values()).as(service + " gets no other service's witness key")
                    .doesNotContainAnyElementsOf(othersSeeds);
        }
        assertThat(envMap("gateway").keySet()).noneMatch(name -> name.contains("WITNESS"));
        assertThat(Files.readString(SCRIPT)).as("up hands each service its own witness key only")
                .contains("for s in \"${WITNESSES[@]}\"; do export -n \"$(witness_key_var \"$s\")\"; done");
    }

    /**
     * The realm's client the logs submit with: confidential, client credentials only, its service account holding
     * exactly the role the witness endpoint asks for (the least of the two it accepts); its secret marked dev-only.
     */
    static String witnessClientSecretOfTheRealm() throws Exception {
        JsonNode realm = new ObjectMapper().readTree(SCRIPT.getParent().resolve("keycloak/kiroku-realm.json").toFile());
        JsonNode client = null;
        for (JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asText().equals("kiroku-audit-witness")) {
                client = c;
            }
        }
        assertThat(client).as("client kiroku-audit-witness in the realm").isNotNull();
        assertThat(client.path("publicClient").asBoolean(true)).isFalse();
        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(client.path("standardFlowEnabled").asBoolean(true)).isFalse();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean(true)).isFalse();
        assertThat(client.path("secret").asText()).contains("dev-only");
        List<String> roles = new java.util.ArrayList<>();
        for (JsonNode user : realm.path("users")) {
            if (user.path("serviceAccountClientId").asText().equals("kiroku-audit-witness")) {
                user.path("realmRoles").forEach(role -> roles.add(role.asText()));
            }
        }
        RolesAllowed allowed = WitnessResource.class.getMethod("addCheckpoint", String.class, String.class,
                byte[].class).getAnnotation(RolesAllowed.class);
        assertThat(roles).containsExactly(KirokuRoles.AUDITOR);
        assertThat(allowed.value()).contains(KirokuRoles.AUDITOR);
        return client.path("secret").asText();
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
    void javaOptsPrintsTheOptionsAServiceStartsWithAndHonoursItsOverride_issue18() throws Exception {
        assertThat(run(Map.of(), "java-opts", "joint-use")).isEqualTo("0\n-Xmx384m\n");
        assertThat(run(Map.of(), "java-opts", "provision-records")).isEqualTo("0\n-Xmx768m -XX:+UseParallelGC\n");
        assertThat(run(Map.of(), "java-opts", "gateway")).isEqualTo("0\n-Xmx384m -Xms64m -XX:+UseParallelGC\n");
        assertThat(run(Map.of("KIROKU_JAVA_OPTS_BREACH_REPORTING", "-Xmx256m -XX:+UseSerialGC"), "java-opts",
                "breach-reporting")).isEqualTo("0\n-Xmx256m -XX:+UseSerialGC\n");
        assertThat(run(Map.of(), "java-opts", "no-such-service")).startsWith("1\n").contains("no service no-such-service");
    }

    @Test
    void withMonitoringPrometheusScrapesEveryServiceAndTheGatewayOnLoopbackAsJobsNamedAfterThem_issue16() throws Exception {
        String result = run(Map.of(), "prometheus-config");
        assertThat(result).startsWith("0\n");
        String config = result.substring(2);

        for (String service : SERVICES) {
            // the port clients call: the gateway's front door's, every other service's own
            String variable = service.equals("gateway") ? "KIROKU_GATEWAY_FRONT_DOOR_PORT=" : "QUARKUS_HTTP_PORT=";
            String port = env(service, Map.of()).stream().filter(l -> l.startsWith(variable))
                    .findFirst().orElseThrow().substring(variable.length());
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
