package dev.kiroku.platform.testing;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What the hostile-input tests of every service share: requests REST Assured cannot send as they are (no
 * {@code Content-Type} at all, a UTF-8 body declared in another charset) and the shape every refusal has.
 */
public final class HostileRequests {

    public static final String PROBLEM_JSON = "application/problem+json";

    private HostileRequests() {
    }

    /** A POST of the bytes as they are, with the content type only when one is given, to the test's Quarkus port. */
    public static HttpResponse<String> post(String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A refusal: the status, an RFC 9457 problem quoting the request id, no class name of Java or a library. */
    public static ValidatableResponse assertProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(status))
                .body("requestId", notNullValue())
                .body(not(containsString("java.")))
                .body(not(containsString("com.fasterxml")))
                .body(not(containsString("org.postgresql")))
                .body(not(containsString("Exception")));
    }
}
