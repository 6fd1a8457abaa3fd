package dev.kiroku.platform.testing;

import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fires one create many times at once (real threads released together by a barrier) and checks the suite's
 * idempotency rules on the answers: one first answer, every other a replay of it ({@code Idempotent-Replayed: true})
 * or a 409 "in progress" problem with {@code Retry-After}, never a 5xx.
 */
public final class ConcurrentCreates {

    public static final int CONCURRENCY = 20;

    private ConcurrentCreates() {
    }

    /** The answers of {@code n} concurrent sends of the same request. */
    public static List<Response> fire(int n, Supplier<Response> send) {
        CyclicBarrier barrier = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    return send.get();
                }));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } catch (Exception e) {
            throw new IllegalStateException("the concurrent requests did not complete", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Checks the answers of {@link #fire} and returns the id of the one resource they name: exactly one first answer
     * with {@code firstStatus}, every other a replay ({@code firstStatus} or 200, {@code Idempotent-Replayed: true},
     * the same id) or a 409 {@code idempotency-key-in-progress} problem with {@code Retry-After}.
     */
    public static String assertOneWrite(List<Response> answers, int firstStatus, Function<Response, String> idOf) {
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode())
                .as("status of a concurrent identical create: %s", a.asString())
                .isIn(firstStatus, 200, 409));
        List<Response> first = answers.stream()
                .filter(a -> a.statusCode() == firstStatus && a.header("Idempotent-Replayed") == null).toList();
        assertThat(first).as("answers that are not replays").hasSize(1);
        String id = idOf.apply(first.get(0));
        assertThat(id).isNotBlank();
        for (Response a : answers) {
            if (a.statusCode() == 409) {
                assertThat(a.contentType()).startsWith("application/problem+json");
                assertThat(a.jsonPath().getString("type")).isEqualTo("urn:kiroku:problem:idempotency-key-in-progress");
                assertThat(a.header("Retry-After")).isNotBlank();
            } else if (a != first.get(0)) {
                assertThat(a.header("Idempotent-Replayed")).isEqualTo("true");
                assertThat(idOf.apply(a)).isEqualTo(id);
            }
        }
        return id;
    }

    /** {@link #fire} then {@link #assertOneWrite} with {@link #CONCURRENCY} requests. */
    public static String createOnce(Supplier<Response> send, int firstStatus, Function<Response, String> idOf) {
        return assertOneWrite(fire(CONCURRENCY, send), firstStatus, idOf);
    }
}
