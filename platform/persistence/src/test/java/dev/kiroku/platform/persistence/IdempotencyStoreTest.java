package dev.kiroku.platform.persistence;

import dev.kiroku.platform.web.Idempotency;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one idempotency mechanism on a real PostgreSQL, with real concurrent transactions: the unique constraint
 * decides, a replay answers the first resource, another body is refused, keys are scoped per client.
 */
class IdempotencyStoreTest {

    private static EmbeddedPostgres postgres;
    private final Clock clock = Clock.systemUTC();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE idempotency_key (
                        client_id      text        NOT NULL,
                        operation      text        NOT NULL,
                        idem_key       text        NOT NULL,
                        request_sha256 text        NOT NULL,
                        resource_id    text,
                        created_at     timestamptz NOT NULL,
                        PRIMARY KEY (client_id, operation, idem_key)
                    )""");
            s.execute("CREATE TABLE thing (id uuid PRIMARY KEY, name text NOT NULL)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE idempotency_key, thing");
        }
    }

    @Test
    void twentyConcurrentIdenticalCreatesWriteOneRowAndEveryOtherAnswerReplaysIt() throws Exception {
        IdempotencyStore.Request request = new IdempotencyStore.Request("crm", "POST /things", "k-1", "sha-a");
        int n = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<IdempotencyStore.Outcome<String>>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                // each create holds its transaction a while, so the others really arrive while it is in progress
                return inTransaction(c -> IdempotencyStore.once(c, request, clock, Duration.ofSeconds(10),
                        () -> insertThing(c, "first", 200), id -> id, id -> id));
            }));
        }
        start.countDown();
        List<IdempotencyStore.Outcome<String>> outcomes = new ArrayList<>();
        for (var answer : answers) {
            outcomes.add(answer.get());
        }
        pool.shutdown();

        assertThat(count("thing")).isEqualTo(1);
        assertThat(outcomes).filteredOn(o -> !o.replayed()).hasSize(1);
        String id = outcomes.stream().filter(o -> !o.replayed()).findFirst().orElseThrow().value();
        assertThat(outcomes).allSatisfy(o -> assertThat(o.value()).isEqualTo(id));
    }

    @Test
    void aWaitLongerThanAllowedIsInProgressAndTheFirstStillCommitsAlone() throws Exception {
        IdempotencyStore.Request request = new IdempotencyStore.Request("crm", "POST /things", "k-2", "sha-a");
        CountDownLatch claimed = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<IdempotencyStore.Outcome<String>> slow = pool.submit(() -> inTransaction(
                c -> IdempotencyStore.once(c, request, clock, Duration.ofSeconds(10), () -> {
                    claimed.countDown();
                    return insertThing(c, "slow", 1500);
                }, id -> id, id -> id)));
        claimed.await();
        assertThatThrownBy(() -> inTransaction(c -> IdempotencyStore.once(c, request, clock, Duration.ofMillis(200),
                () -> insertThing(c, "second", 0), id -> id, id -> id)))
                .isInstanceOfSatisfying(Idempotency.InProgress.class, e -> {
                    assertThat(e.key()).isEqualTo("k-2");
                    assertThat(e.toProblem().headers()).containsEntry("Retry-After", "1");
                });
        assertThat(slow.get().replayed()).isFalse();
        pool.shutdown();
        assertThat(count("thing")).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndWritesNothing() throws Exception {
        var first = new IdempotencyStore.Request("crm", "POST /things", "k-3", "sha-a");
        var other = new IdempotencyStore.Request("crm", "POST /things", "k-3", "sha-b");
        inTransaction(c -> IdempotencyStore.once(c, first, clock, Duration.ofSeconds(1),
                () -> insertThing(c, "a", 0), id -> id, id -> id));
        assertThatThrownBy(() -> inTransaction(c -> IdempotencyStore.once(c, other, clock, Duration.ofSeconds(1),
                () -> insertThing(c, "b", 0), id -> id, id -> id)))
                .isInstanceOf(Idempotency.KeyReused.class);
        assertThat(count("thing")).isEqualTo(1);
    }

    @Test
    void keysAreScopedToTheClientAndTheOperation() throws Exception {
        for (var request : List.of(new IdempotencyStore.Request("crm", "POST /things", "k-4", "sha-a"),
                new IdempotencyStore.Request("hr", "POST /things", "k-4", "sha-a"),
                new IdempotencyStore.Request("crm", "POST /other-things", "k-4", "sha-a"))) {
            var outcome = inTransaction(c -> IdempotencyStore.once(c, request, clock, Duration.ofSeconds(1),
                    () -> insertThing(c, "x", 0), id -> id, id -> id));
            assertThat(outcome.replayed()).isFalse();
        }
        assertThat(count("thing")).isEqualTo(3);
        assertThat(count("idempotency_key")).isEqualTo(3);
    }

    @Test
    void aFirstRequestThatRollsBackLeavesTheKeyFreeForItsRetry() throws Exception {
        var request = new IdempotencyStore.Request("crm", "POST /things", "k-5", "sha-a");
        assertThatThrownBy(() -> inTransaction(c -> IdempotencyStore.once(c, request, clock, Duration.ofSeconds(1),
                () -> {
                    throw new IllegalArgumentException("refused by the domain");
                }, id -> id, id -> id))).isInstanceOf(IllegalArgumentException.class);
        var retry = inTransaction(c -> IdempotencyStore.once(c, request, clock, Duration.ofSeconds(1),
                () -> insertThing(c, "x", 0), id -> id, id -> id));
        assertThat(retry.replayed()).isFalse();
        assertThat(count("thing")).isEqualTo(1);
    }

    private interface Work<T> {
        T run(Connection c) throws Exception;
    }

    private static Connection connection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    private static <T> T inTransaction(Work<T> work) throws Exception {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String insertThing(Connection c, String name, long holdMillis) {
        UUID id = UUID.randomUUID();
        try (var insert = c.prepareStatement("INSERT INTO thing (id, name) VALUES (?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, name);
            insert.executeUpdate();
            Thread.sleep(holdMillis);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return id.toString();
    }

    private static int count(String table) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
