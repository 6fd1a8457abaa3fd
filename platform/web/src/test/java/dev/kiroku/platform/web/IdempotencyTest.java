package dev.kiroku.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Idempotency keys: the refusals are plain exceptions a service throws, answered by the REST layer as problems. */
class IdempotencyTest {

    @Test
    void aMalformedKeyOrAHeaderThatDisagreesWithTheBodyIsAnInvalidKeyAnswered400() {
        assertThatThrownBy(() -> Idempotency.key("has space", null)).isInstanceOfSatisfying(Idempotency.InvalidKey.class,
                e -> {
                    assertThat(e.field()).isEqualTo(Idempotency.HEADER);
                    assertThat(e.in()).isEqualTo("header");
                    Problem problem = e.toProblem().toProblem("/x", "r-1");
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION);
                    assertThat(problem.violations()).singleElement()
                            .satisfies(v -> assertThat(v.field()).isEqualTo(Idempotency.HEADER));
                });
        assertThatThrownBy(() -> Idempotency.key("a", "b")).isInstanceOf(Idempotency.InvalidKey.class)
                .hasMessageContaining("differ");
        assertThatThrownBy(() -> Idempotency.key(null, "x".repeat(201))).isInstanceOfSatisfying(
                Idempotency.InvalidKey.class, e -> assertThat(e.field()).isEqualTo("clientEventId"));
        assertThat(Idempotency.key(null, "evt-1")).isEqualTo("evt-1");
        assertThat(Idempotency.key(null, null)).isNull();
    }

    @Test
    void aKeyReusedWithAnotherRequestIsAnswered422NamingTheKey() {
        Problem problem = Idempotency.reused("k-7").toProblem().toProblem("/x", "r-1");
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.type()).isEqualTo(Idempotency.KEY_REUSED);
        assertThat(problem.title()).isEqualTo("Idempotency key reused with a different request");
    }

    @Test
    void aKeyInProgressIsAnswered409WithRetryAfter() {
        Idempotency.InProgress inProgress = new Idempotency.InProgress("k-8");
        Problem problem = inProgress.toProblem().toProblem("/x", "r-1");
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.type()).isEqualTo(Idempotency.IN_PROGRESS);
        assertThat(problem.title()).isEqualTo("Idempotency key in progress");
        assertThat(inProgress.toProblem().headers()).containsEntry("Retry-After", "1");
    }
}
