package dev.kiroku.platform.audit.witness;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment variables `./kiroku up` and the Kubernetes manifests set (and the READMEs document) reach every
 * witness and sink setting: an environment variable names a property only by its upper-cased, underscored form, so a
 * property renamed, or a variable named after a guessed property (KIROKU_AUDIT_WITNESS_CLIENT_ID for a property
 * {@code client.client-id}), would leave the setting silently unset: the log's submissions would carry no token.
 */
class WitnessEnvironmentTest {

    @Test
    void theDocumentedEnvironmentVariablesSetTheWitnessNameLogsWitnessesClientAndSink() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("KIROKU_AUDIT_WITNESS_NAME", "kiroku.example.jp/joint-use/witness"),
                Map.entry("KIROKU_AUDIT_WITNESS_LOGS", "kiroku.example.jp/provision-records+a4ea2350+AYX3,"
                        + "kiroku.example.jp/breach-reporting+39f53e37+AU2m"),
                Map.entry("KIROKU_AUDIT_WITNESS_SUBMIT_TO_0__URL",
                        "http://provision-records:8081/api/v1/audit/provision-records/witness/add-checkpoint"),
                Map.entry("KIROKU_AUDIT_WITNESS_SUBMIT_TO_0__VERIFIER_KEY", "kiroku.example.jp/provision-records/witness+1+BA"),
                Map.entry("KIROKU_AUDIT_WITNESS_SUBMIT_TO_1__URL",
                        "http://breach-reporting:8083/api/v1/audit/breach-reporting/witness/add-checkpoint"),
                Map.entry("KIROKU_AUDIT_WITNESS_SUBMIT_TO_1__VERIFIER_KEY", "kiroku.example.jp/breach-reporting/witness+2+BA"),
                Map.entry("KIROKU_AUDIT_WITNESS_SUBMIT_INTERVAL", "2s"),
                Map.entry("KIROKU_AUDIT_WITNESS_CLIENT_TOKEN_URL",
                        "http://keycloak-service:8080/realms/kiroku/protocol/openid-connect/token"),
                Map.entry("KIROKU_AUDIT_WITNESS_CLIENT_ID", "kiroku-audit-witness"),
                Map.entry("KIROKU_AUDIT_WITNESS_CLIENT_SECRET", "not-a-real-secret"),
                Map.entry("KIROKU_AUDIT_SINK_FILE", "/var/lib/kiroku/audit-sink/checkpoints.jsonl"));
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(env, 300))
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus's "2s" form, as in a service
                .withMapping(WitnessConfig.class).build();

        WitnessConfig witnessing = config.getConfigMapping(WitnessConfig.class);
        WitnessConfig.Witness witness = witnessing.witness();

        assertThat(witness.name()).contains("kiroku.example.jp/joint-use/witness");
        assertThat(witness.logs()).contains(List.of("kiroku.example.jp/provision-records+a4ea2350+AYX3",
                "kiroku.example.jp/breach-reporting+39f53e37+AU2m"));
        assertThat(witness.submitTo()).hasValueSatisfying(targets -> {
            assertThat(targets).extracting(WitnessConfig.Target::url).containsExactly(
                    URI.create("http://provision-records:8081/api/v1/audit/provision-records/witness/add-checkpoint"),
                    URI.create("http://breach-reporting:8083/api/v1/audit/breach-reporting/witness/add-checkpoint"));
            assertThat(targets).extracting(WitnessConfig.Target::verifierKey).containsExactly(
                    "kiroku.example.jp/provision-records/witness+1+BA", "kiroku.example.jp/breach-reporting/witness+2+BA");
        });
        assertThat(witness.submitInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(witness.client().tokenUrl())
                .contains(URI.create("http://keycloak-service:8080/realms/kiroku/protocol/openid-connect/token"));
        assertThat(witness.client().id()).contains("kiroku-audit-witness");
        assertThat(witness.client().secret()).contains("not-a-real-secret");
        assertThat(witnessing.sink().file()).contains(Path.of("/var/lib/kiroku/audit-sink/checkpoints.jsonl"));
    }
}
