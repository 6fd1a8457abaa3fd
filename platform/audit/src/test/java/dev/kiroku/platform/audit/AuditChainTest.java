package dev.kiroku.platform.audit;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.TestDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The audit chain against a real PostgreSQL: appends, transactions, verification, tampering, the REST view. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditChainTest {

    private static final String SERVICE = "kiroku-platform-audit";

    @Inject
    AuditChain chain;

    @Inject
    AgroalDataSource dataSource;

    private static AuditEvent event(String id, String action) {
        return new AuditEvent(action, "thing", id, "officer", "because", Map.of("name", "テスト", "count", 3,
                "nested", Map.of("b", 2, "a", List.of(1, 2))));
    }

    private long count() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM audit_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Order(1)
    void anEmptyChainIsIntact() {
        AuditVerification verification = chain.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.verifiedEntries()).isZero();
        assertThat(verification.rootHash()).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    @Order(2)
    void appendsMakeEachEntryTheNextLeafOfTheLog() {
        AuditEntry first = QuarkusTransaction.requiringNew().call(() -> chain.append(event("a", "thing.created")));
        AuditEntry second = QuarkusTransaction.requiringNew().call(() -> chain.append(event("a", "thing.changed")));
        assertThat(second.seq()).isEqualTo(first.seq() + 1);
        assertThat(second.leafIndex()).isEqualTo(first.leafIndex() + 1).isEqualTo(second.seq() - 1);
        assertThat(chain.entry(first.entryId()).orElseThrow().leafHash()).isEqualTo(first.leafHash());
        assertThat(first.content()).isEqualTo("{\"count\":3,\"name\":\"テスト\",\"nested\":{\"a\":[1,2],\"b\":2}}");
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    @Order(3)
    void refusesToAppendOutsideATransaction() {
        assertThatThrownBy(() -> chain.append(event("b", "thing.created")))
                .isInstanceOf(TransactionalException.class);
    }

    @Test
    @Order(4)
    void anEntryRollsBackWithTheChangeItRecords() throws SQLException {
        long before = count();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            chain.append(event("c", "thing.created"));
            throw new IllegalStateException("the change failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(count()).isEqualTo(before);
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    @Order(5)
    void concurrentAppendsKeepOneLinearChain() throws Exception {
        long before = count();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AuditEntry>> appends = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "concurrent-" + i;
                appends.add(pool.submit(() -> QuarkusTransaction.requiringNew()
                        .call(() -> chain.append(event(id, "thing.created")))));
            }
            for (Future<AuditEntry> append : appends) {
                append.get();
            }
        } finally {
            pool.shutdown();
        }
        AuditVerification verification = chain.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.verifiedEntries()).isEqualTo(before + 40);
    }

    @Test
    @Order(6)
    void theDatabaseRefusesToChangeOrRemoveEntries() throws SQLException {
        // the service's own role holds no such privilege (issue 13) ...
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String change : List.of("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 1",
                    "DELETE FROM audit_entry WHERE seq = 1", "TRUNCATE audit_entry",
                    "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete")) {
                assertThatThrownBy(() -> s.execute(change)).isInstanceOf(SQLException.class)
                        .hasMessageMatching("ERROR: (permission denied for table|must be owner of table) audit_entry.*");
            }
        }
        // ... and the table's owner meets the triggers
        try (Connection c = TestDatabase.owner(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_entry WHERE seq = 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE audit_entry"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }

    @Test
    @Order(7)
    void verificationNamesTheFirstEntryChangedBehindTheServicesBack() throws SQLException {
        String original;
        try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT content FROM audit_entry WHERE seq = 2")) {
                rs.next();
                original = rs.getString(1);
            }
            s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete");
            s.executeUpdate("UPDATE audit_entry SET content = '{\"count\":4}' WHERE seq = 2");
        }
        try {
            AuditVerification verification = chain.verify();
            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBrokenSeq()).isEqualTo(2L);
            assertThat(verification.verifiedEntries()).isEqualTo(1L);
            assertThat(verification.problem()).contains("does not match its leaf");
        } finally {
            try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE audit_entry SET content = '" + original.replace("'", "''") + "' WHERE seq = 2");
                s.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete");
            }
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    @Order(8)
    void auditorsPageThroughTheEntriesOfOneAggregate() {
        String token = LocalTokens.user("auditor", "auditor");
        given().auth().oauth2(token)
                .when().get("/api/v1/audit/" + SERVICE + "/entries?aggregateType=thing&aggregateId=a&limit=1")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].seq", equalTo(1))
                .body("items[0].content.nested.a[1]", equalTo(2))
                .body("next", equalTo("1"))
                .header("Link", containsString("after=1"));
        given().auth().oauth2(token)
                .when().get("/api/v1/audit/" + SERVICE + "/entries?aggregateType=thing&aggregateId=a&after=1&limit=1")
                .then().statusCode(200)
                .body("items[0].action", equalTo("thing.changed"))
                .body("next", equalTo("2"));
        given().auth().oauth2(token)
                .when().get("/api/v1/audit/" + SERVICE + "/entries?aggregateType=thing&aggregateId=a&after=2")
                .then().statusCode(200).body("items", hasSize(0)).body("next", nullValue());
    }

    @Test
    @Order(9)
    void auditorsVerifyOverRest() {
        given().auth().oauth2(LocalTokens.user("officer", "compliance-officer"))
                .when().get("/api/v1/audit/" + SERVICE + "/verification")
                .then().statusCode(200).body("intact", equalTo(true)).body("verifiedEntries", equalTo(42));
    }

    @Test
    @Order(10)
    void onlyAuditorsAndOfficersReadTheChainAndOnlyTheirOwnService() {
        given().auth().oauth2(LocalTokens.user("crm", "ingest"))
                .when().get("/api/v1/audit/" + SERVICE + "/verification")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().get("/api/v1/audit/" + SERVICE + "/entries")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(LocalTokens.user("auditor", "auditor"))
                .when().get("/api/v1/audit/another-service/entries")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(LocalTokens.user("auditor", "auditor"))
                .when().get("/api/v1/audit/" + SERVICE + "/entries?limit=501")
                .then().statusCode(400).body("violations[0].field", equalTo("limit"));
    }

    @Test
    void commitmentsHideAValueButBindTheSameSaltAndValue() {
        String salt = AuditChain.newSalt();
        assertThat(AuditChain.commitment(salt, "山田太郎")).isEqualTo(AuditChain.commitment(salt, "山田太郎"))
                .hasSize(64).doesNotContain("山田");
        assertThat(AuditChain.commitment(AuditChain.newSalt(), "山田太郎"))
                .isNotEqualTo(AuditChain.commitment(salt, "山田太郎"));
    }
}
