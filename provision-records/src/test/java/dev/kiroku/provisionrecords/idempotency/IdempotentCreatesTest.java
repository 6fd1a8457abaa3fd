package dev.kiroku.provisionrecords.idempotency;

import dev.kiroku.platform.testing.ConcurrentCreates;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.OFFICER;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.PROVISIONS;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.TODAY;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.consentReceipt;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.newSubjectId;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.optOutProvision;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every create of provision-records through the one idempotency mechanism: 20 concurrent identical creates (same
 * Idempotency-Key, same body) write one row and never answer 5xx; the same key with another body is a 422 that
 * writes nothing; keys are scoped per client.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class IdempotentCreatesTest {

    static final String STOPS = "/api/v1/opt-out-stops";
    static final String REQUESTS = "/api/v1/disclosure-requests";
    static final String OTHER_OFFICER = LocalTokens.forClient("kiroku-console", "officer-2", "compliance-officer");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twentyConcurrentIdenticalProvisionsWriteOneRecord() throws SQLException {
        Map<String, Object> event = optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY);
        event.remove("clientEventId");
        String key = "prov-" + UUID.randomUUID();
        long before = count("provision_record");
        String id = ConcurrentCreates.createOnce(() -> post(OFFICER, PROVISIONS, key, event), 201, r -> r.path("id"));
        assertThat(count("provision_record")).isEqualTo(before + 1);
        assertThat(count("provision_record WHERE idempotency_key = '" + key + "'")).isEqualTo(1);
        assertThat(id).isNotNull();
    }

    /**
     * The batch's idempotency is each event's client event id (no Idempotency-Key): 20 identical batches at once store
     * each event once, every answer a 200 that reports each event CREATED or DUPLICATE, and each event CREATED in
     * exactly one answer.
     */
    @Test
    void twentyConcurrentIdenticalBatchesStoreEachEventOnce() throws SQLException {
        Map<String, Object> first = optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY);
        Map<String, Object> second = consentReceipt(newSubjectId(), "株式会社データ提供", TODAY.minusDays(1));
        Map<String, Object> batch = Map.of("events", List.of(first, second));
        List<Response> answers = ConcurrentCreates.fire(ConcurrentCreates.CONCURRENCY,
                () -> post(OFFICER, PROVISIONS + "/batch", null, batch));
        int created = 0;
        for (Response answer : answers) {
            assertThat(answer.statusCode()).as("a concurrent identical batch: %s", answer.asString()).isEqualTo(200);
            List<String> statuses = answer.path("items.status");
            assertThat(statuses).as(answer.asString()).hasSize(2).allMatch(s -> s.equals("CREATED") || s.equals("DUPLICATE"));
            created += answer.<Integer>path("created");
        }
        assertThat(created).as("events CREATED over all answers").isEqualTo(2);
        assertThat(count("provision_record WHERE idempotency_key IN ('" + first.get("clientEventId") + "', '"
                + second.get("clientEventId") + "')")).isEqualTo(2);
    }

    @Test
    void twentyConcurrentIdenticalCorrectionsWriteOneVersion() throws SQLException {
        String subject = newSubjectId();
        String v1 = post(OFFICER, PROVISIONS, null, consentReceipt(subject, "株式会社データ提供", TODAY.minusDays(3)))
                .then().statusCode(201).extract().path("id");
        Map<String, Object> corrected = consentReceipt(subject, "株式会社データ提供", TODAY.minusDays(3));
        corrected.remove("clientEventId");
        Map<String, Object> correction = Map.of("reason", "提供元の名称を訂正", "record", corrected);
        String key = "corr-" + UUID.randomUUID();
        long before = count("provision_record");
        String v2 = ConcurrentCreates.createOnce(
                () -> post(OFFICER, PROVISIONS + "/" + v1 + "/corrections", key, correction), 201, r -> r.path("id"));
        assertThat(count("provision_record")).isEqualTo(before + 1);
        given().auth().oauth2(OFFICER).when().get(PROVISIONS + "/" + v2)
                .then().statusCode(200).body("versionNo", equalTo(2));
    }

    @Test
    void twentyConcurrentIdenticalOptOutStopsRegisterOneStop() throws SQLException {
        Map<String, Object> stop = stop(newSubjectId());
        String key = "stop-" + UUID.randomUUID();
        long before = count("opt_out_stop");
        ConcurrentCreates.createOnce(() -> post(OFFICER, STOPS, key, stop), 201, r -> r.path("id"));
        assertThat(count("opt_out_stop")).isEqualTo(before + 1);
    }

    @Test
    void twentyConcurrentIdenticalDisclosureRequestsRecordOneRequest() throws SQLException {
        Map<String, Object> ask = ask(newSubjectId());
        String key = "disc-" + UUID.randomUUID();
        long before = count("disclosure_request");
        ConcurrentCreates.createOnce(() -> post(OFFICER, REQUESTS, key, ask), 201, r -> r.path("id"));
        assertThat(count("disclosure_request")).isEqualTo(before + 1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422AndWritesNothingOnEveryCreate() throws SQLException {
        String key = "reuse-" + UUID.randomUUID();
        Map<String, Supplier<Map<String, Object>>> creates = new LinkedHashMap<>();
        creates.put(STOPS, () -> stop(newSubjectId()));
        creates.put(REQUESTS, () -> ask(newSubjectId()));
        creates.put(PROVISIONS, () -> {
            Map<String, Object> e = optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY);
            e.remove("clientEventId");
            return e;
        });
        for (var create : creates.entrySet()) {
            post(OFFICER, create.getKey(), key, create.getValue().get()).then().statusCode(201);
            long rows = total();
            post(OFFICER, create.getKey(), key, create.getValue().get())
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("urn:kiroku:problem:idempotency-key-reused"))
                    .body("title", equalTo("Idempotency key reused with a different request"));
            assertThat(total()).as(create.getKey()).isEqualTo(rows);
        }
    }

    @Test
    void twoClientsWithTheSameKeyCreateTwoResources() throws SQLException {
        String key = "shared-" + UUID.randomUUID();
        Map<String, Object> stop = stop(newSubjectId());
        long before = count("opt_out_stop");
        String first = post(OFFICER, STOPS, key, stop).then().statusCode(201).extract().path("id");
        String second = post(OTHER_OFFICER, STOPS, key, stop).then().statusCode(201).extract().path("id");
        assertThat(second).isNotEqualTo(first);
        assertThat(count("opt_out_stop")).isEqualTo(before + 2);
        post(OTHER_OFFICER, STOPS, key, stop).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(second));
    }

    private static Map<String, Object> stop(String subject) {
        return Map.of("subject", Map.of("scheme", "customer-number", "identifier", subject),
                "recipients", List.of(), "effectiveFrom", TODAY.toString(), "receivedVia", "お問い合わせ窓口（電話）");
    }

    private static Map<String, Object> ask(String subject) {
        return Map.of("subject", Map.of("scheme", "customer-number", "identifier", subject),
                "method", "DOCUMENT", "receivedVia", "郵送（開示請求書）",
                "receivedAt", TODAY.atStartOfDay(ZoneId.of("Asia/Tokyo")).toOffsetDateTime().toString());
    }

    private static Response post(String token, String path, String key, Object body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.when().post(path);
    }

    private long total() throws SQLException {
        return count("provision_record") + count("opt_out_stop") + count("disclosure_request");
    }

    private long count(String tableAndWhere) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + tableAndWhere)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
