package dev.kiroku.platform.audit;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A verifier not written in Java and sharing no code with the producer ({@code src/test/node/verify-audit-log.mjs},
 * Node.js with node:crypto only) checks what the running service serves: the verifier key, every signed checkpoint
 * and the consistency between them, every entry's leaf rebuilt from its fields and its inclusion proof, and that
 * flipped bits are refused.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class IndependentVerifierTest {

    private static final String SERVICE = "kiroku-platform-audit";

    @Inject
    AuditChain chain;

    @Inject
    AuditCheckpoints checkpoints;

    @TestHTTPResource("/")
    URL base;

    @Test
    void theNodeVerifierAcceptsTheServicesCheckpointsProofsAndLeaves() throws Exception {
        requireNode();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 7; i++) {
                String id = "independent-" + round + "-" + i;
                String reason = i % 2 == 0 ? null : "a reason with \"quotes\" and 日本語";
                QuarkusTransaction.requiringNew().run(() -> chain.append(new AuditEvent("thing.created", "thing", id,
                        "officer", reason,
                        Map.of("n", 7, "nested", Map.of("b", true, "a", "x"), "name", "テスト"))));
            }
            checkpoints.signIfGrown();
        }
        ProcessBuilder verifier = new ProcessBuilder("node", script().toString(), base.toString(), SERVICE)
                .redirectErrorStream(true);
        verifier.environment().put("KIROKU_TOKEN", LocalTokens.user("auditor", "auditor"));
        Process process = verifier.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as(output).contains("\"ok\":true");
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("\"inclusionProofs\":[1-9]").containsPattern("\"consistencyProofs\":[1-9]")
                .containsPattern("\"bitFlipsRefused\":[1-9][0-9]{3,}");
    }

    private static Path script() {
        Path script = Path.of("src/test/node/verify-audit-log.mjs").toAbsolutePath();
        assertThat(script).exists();
        return script;
    }

    private static void requireNode() throws InterruptedException {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (version.waitFor() != 0 || !out.matches("v(1[89]|[2-9][0-9])\\..*")) {
                fail("Node.js 18 or newer is needed for the independent verifier (found " + out + "): install it, "
                        + "e.g. apt-get install -y nodejs");
            }
        } catch (IOException e) {
            fail("Node.js is needed for the independent verifier and 'node' is not on the PATH: install it, e.g. "
                    + "apt-get install -y nodejs (.ci/run does this when it is missing)");
        }
    }
}
