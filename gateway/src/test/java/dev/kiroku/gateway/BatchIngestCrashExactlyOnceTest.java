package dev.kiroku.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.PackagedService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch ingest is exactly-once across a crash: the packaged provision-records service is killed with SIGKILL
 * ({@code kill -9}) while a batch is in flight, restarted on the same database, and every batch is sent again (what a
 * client does that did not get its answers). Every event is then stored exactly once: the batches committed before the
 * kill answer their events DUPLICATE, the rest CREATED, none lost and none doubled (the record's own natural key,
 * {@code UNIQUE (client_id, idempotency_key)} on the client event id, decides).
 */
class BatchIngestCrashExactlyOnceTest {

    static final int BATCHES = 40;
    static final int EVENTS_PER_BATCH = 250;
    static final int KILL_AFTER_ANSWERS = 12;
    static final String TOKEN = LocalTokens.forClient("demo-crm", "service-account-demo-crm", "ingest");
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyEventIsStoredExactlyOnceAfterAKillMidBatchAndAFullResend() throws Exception {
        List<byte[]> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            batches.add(json.writeValueAsBytes(Map.of("events", events(b))));
        }
        Path logs = PackagedService.home().resolve("gateway/target/crash-logs");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE provision_records");
            }
            Map<String, String> env = new HashMap<>(LocalTokens.serviceEnvironment());
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "provision_records"));
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            env.put("KIROKU_CRYPTO_KEY", "crash1:" + PackagedService.randomKey());
            env.put("KIROKU_CRYPTO_INDEX_KEY", PackagedService.randomKey());
            env.put("KIROKU_CRYPTO_AUDIT_SIGNING_KEY", PackagedService.randomKey());
            int port = PackagedService.freePort();

            PackagedService first = PackagedService.start("provision-records", port, env, logs).awaitReady();
            AtomicInteger answered = new AtomicInteger();
            AtomicBoolean inFlight = new AtomicBoolean();
            List<String> failures = new ArrayList<>();
            Thread sender = new Thread(() -> {
                for (byte[] batch : batches) {
                    inFlight.set(true);
                    try {
                        HttpResponse<String> answer = send(first.url(), batch);
                        if (answer.statusCode() != 200) {
                            failures.add(answer.statusCode() + " " + answer.body());
                        }
                        answered.incrementAndGet();
                    } catch (IOException e) {
                        return; // the service is gone: the client has not got this batch's answer
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } finally {
                        inFlight.set(false);
                    }
                }
            }, "crash-test-sender");
            sender.start();
            while (answered.get() < KILL_AFTER_ANSWERS || !inFlight.get()) {
                assertThat(sender.isAlive()).as("the sender is still sending").isTrue();
                Thread.onSpinWait();
            }
            Thread.sleep(30); // well inside the batch the sender is waiting for
            first.kill();
            sender.join(Duration.ofSeconds(30).toMillis());
            assertThat(failures).as("answers before the kill").isEmpty();
            int answeredBeforeKill = answered.get();
            long storedAtKill = count(postgres, "provision_record");
            assertThat(answeredBeforeKill).isLessThan(BATCHES);
            // a batch is one transaction: what was stored is whole batches, at least every answered one
            assertThat(storedAtKill % EVENTS_PER_BATCH).isZero();
            assertThat(storedAtKill).isGreaterThanOrEqualTo((long) answeredBeforeKill * EVENTS_PER_BATCH);

            int created = 0;
            int duplicates = 0;
            try (PackagedService second = PackagedService.start("provision-records", port, env, logs)
                    .awaitReady()) {
                for (byte[] batch : batches) {
                    HttpResponse<String> answer = send(second.url(), batch);
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                    JsonNode result = json.readTree(answer.body());
                    assertThat(result.get("rejected").asInt()).isZero();
                    created += result.get("created").asInt();
                    duplicates += result.get("duplicates").asInt();
                }
            }
            long total = (long) BATCHES * EVENTS_PER_BATCH;
            assertThat(count(postgres, "provision_record")).isEqualTo(total);
            assertThat(count(postgres, "(SELECT DISTINCT client_id, idempotency_key FROM provision_record) k"))
                    .isEqualTo(total);
            assertThat((long) duplicates).isEqualTo(storedAtKill);
            assertThat((long) created).isEqualTo(total - storedAtKill);
            String figures = String.format("{\"events\": %d, \"batches\": %d, \"eventsPerBatch\": %d, "
                            + "\"batchesAnsweredBeforeKill\": %d, \"rowsAtKill\": %d, \"batchesResent\": %d, "
                            + "\"createdOnResend\": %d, \"duplicatesOnResend\": %d, \"rowsAfter\": %d}%n",
                    total, BATCHES, EVENTS_PER_BATCH, answeredBeforeKill, storedAtKill, BATCHES, created,
                    duplicates, count(postgres, "provision_record"));
            Files.createDirectories(logs);
            Files.writeString(logs.resolve("crash-exactly-once.json"), figures);
            System.out.print("batch ingest kill -9 check: " + figures);
        }
    }

    private HttpResponse<String> send(String url, byte[] batch) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/provisions/batch"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A batch of consent-based receipts, each with its own client event id and subject. */
    private static List<Map<String, Object>> events(int batch) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("clientEventId", "crash-" + batch + "-" + i + "-" + UUID.randomUUID());
            e.put("direction", "RECEIVED");
            e.put("legalBasis", "CONSENT_27_1");
            e.put("method", "PER_EVENT");
            e.put("counterparty", Map.of("kind", "CORPORATION", "name", "株式会社データ提供",
                    "address", "東京都千代田区丸の内一丁目1番1号", "representative", "代表取締役 山田太郎", "country", "JP"));
            e.put("subject", Map.of("scheme", "customer-number", "identifier", "C-" + UUID.randomUUID()));
            e.put("dataItems", List.of("NAME", "EMAIL"));
            e.put("providedOn", TODAY.minusDays(i % 30).toString());
            e.put("consentRef", "提供元の会員規約第8条");
            e.put("acquisitionCircumstances", "提供元が自社会員から同意を得て取得");
            events.add(e);
        }
        return events;
    }

    private static long count(EmbeddedPostgres postgres, String from) throws SQLException {
        try (Connection db = postgres.getDatabase("postgres", "provision_records").getConnection();
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
