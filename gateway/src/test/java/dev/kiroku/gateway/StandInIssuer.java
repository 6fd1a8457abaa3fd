package dev.kiroku.gateway;

import com.sun.net.httpserver.HttpServer;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * A token issuer the test can take down and bring back: the realm's discovery document and its JWKS (the checked-in
 * public key that {@link LocalTokens} sign with), on a port fixed before the gateway starts. Not running until
 * {@link #start()}.
 */
final class StandInIssuer {

    /** Kept in a system property: the test profile and the test class are loaded by different class loaders. */
    static final int PORT = Integer.parseInt(System.getProperties()
            .computeIfAbsent("kiroku.test.stand-in-issuer-port", name -> Integer.toString(freePort())).toString());
    static final String REALM = "http://127.0.0.1:" + PORT + "/realms/kiroku";
    private static HttpServer server;

    private StandInIssuer() {
    }

    static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String discovery = """
                {"issuer":"%s","jwks_uri":"%s/protocol/openid-connect/certs",
                 "token_endpoint":"%s/protocol/openid-connect/token",
                 "authorization_endpoint":"%s/protocol/openid-connect/auth"}"""
                .formatted(LocalTokens.ISSUER, REALM, REALM, REALM);
        server.createContext("/realms/kiroku/.well-known/openid-configuration", exchange -> send(exchange, discovery));
        server.createContext("/realms/kiroku/protocol/openid-connect/certs", exchange -> send(exchange, jwks()));
        server.start();
    }

    static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The gateway checks tokens against this issuer's discovery document and keys. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.auth-server-url", REALM,
                    "quarkus.oidc.discovery-enabled", "true",
                    "quarkus.oidc.token.issuer", LocalTokens.ISSUER,
                    "quarkus.oidc.token.audience", LocalTokens.AUDIENCE);
        }
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String jwks() {
        try (InputStream in = StandInIssuer.class.getClassLoader()
                .getResourceAsStream("kiroku/test-keys/public-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"" + base64Url(key.getModulus())
                    + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}]}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
