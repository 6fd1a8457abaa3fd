package dev.kiroku.platform.audit.witness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The bearer token the log presents to its witnesses: an OAuth 2.0 client-credentials grant (RFC 6749 §4.4) at
 * {@code kiroku.audit.witness.client.token-url}, kept until 30 s before it expires. One form POST with the JDK's HTTP
 * client rather than quarkus-oidc-client: that extension's default client is breach-reporting's, and a second,
 * optional one in this shared library would need configuring in every service.
 */
@ApplicationScoped
public class WitnessTokens {

    private static final Duration SKEW = Duration.ofSeconds(30);

    private final WitnessConfig.Client config;
    private final Duration timeout;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;

    private String token;
    private Instant expires = Instant.MIN;

    public WitnessTokens(WitnessConfig config, ObjectMapper json, Clock clock) {
        this.config = config.witness().client();
        this.timeout = config.witness().timeout();
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A current token, or empty when no client is configured; throws IOException when the grant fails. */
    public synchronized Optional<String> token() throws IOException {
        if (config.tokenUrl().isEmpty() || config.id().isEmpty()) {
            return Optional.empty();
        }
        if (token != null && clock.instant().isBefore(expires.minus(SKEW))) {
            return Optional.of(token);
        }
        String form = "grant_type=client_credentials&client_id=" + encode(config.id().get())
                + "&client_secret=" + encode(config.secret().orElse(""));
        HttpRequest request = HttpRequest.newBuilder(config.tokenUrl().get()).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking for a token", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("the token endpoint answered " + response.statusCode() + " to client "
                    + config.id().get());
        }
        JsonNode body = json.readTree(response.body());
        if (!body.path("access_token").isTextual()) {
            throw new IOException("the token endpoint's answer holds no access_token");
        }
        token = body.get("access_token").asText();
        expires = clock.instant().plusSeconds(Math.max(0, body.path("expires_in").asLong(60)));
        return Optional.of(token);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
