package dev.kiroku.platform.audit;

import com.sun.net.httpserver.HttpServer;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The test app as a log with a witness and an outside sink: it submits its own checkpoints to its own witness
 * endpoint (configured as if it were another service's, on a port reserved before start), authenticates with a
 * client-credentials token from a stand-in token endpoint (a JDK HTTP server that hands out locally signed tokens to
 * the TEST-ONLY client), and appends every checkpoint to a file in a fresh directory.
 */
public class WitnessingProfile implements QuarkusTestProfile {

    static final String CLIENT_ID = "kiroku-audit-witness-test";
    /** TEST-ONLY client secret of the stand-in token endpoint. */
    static final String CLIENT_SECRET = "test-only-witness-client-secret";
    static final String WITNESS_KEY =
            "kiroku.localhost/kiroku-platform-audit/witness+32f0a84f+BNaBBao1EdfEHodEE/3mTauYpp99Iqia4J/s6C1qS3EK";

    private static final int PORT = freePort();
    private static final Path SINK;
    private static final HttpServer TOKENS;

    static {
        try {
            SINK = Files.createTempDirectory("kiroku-audit-sink").resolve("kiroku-platform-audit.jsonl");
            TOKENS = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TOKENS.createContext("/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = "POST".equals(exchange.getRequestMethod()) && form.contains("grant_type=client_credentials")
                    && form.contains("client_id=" + CLIENT_ID) && form.contains("client_secret=" + CLIENT_SECRET);
            byte[] body = (ok ? "{\"access_token\":\"" + LocalTokens.forClient(CLIENT_ID,
                    "service-account-" + CLIENT_ID, "auditor") + "\",\"expires_in\":300,\"token_type\":\"Bearer\"}"
                    : "{\"error\":\"invalid_client\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        TOKENS.start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new LocalTokens.Profile().getConfigOverrides());
        config.put("quarkus.http.test-port", String.valueOf(PORT));
        config.put("kiroku.audit.witness.submit-to[0].url",
                "http://127.0.0.1:" + PORT + "/api/v1/audit/kiroku-platform-audit/witness/add-checkpoint");
        config.put("kiroku.audit.witness.submit-to[0].verifier-key", WITNESS_KEY);
        config.put("kiroku.audit.witness.submit-interval", "1s");
        config.put("kiroku.audit.witness.client.token-url",
                "http://127.0.0.1:" + TOKENS.getAddress().getPort() + "/token");
        config.put("kiroku.audit.witness.client.id", CLIENT_ID);
        config.put("kiroku.audit.witness.client.secret", CLIENT_SECRET);
        config.put("kiroku.audit.sink.file", SINK.toString());
        return config;
    }
}
