package dev.kiroku.breachreporting.affected;

import dev.kiroku.breachreporting.affected.repository.ImportJobRepository;
import dev.kiroku.breachreporting.affected.service.ImportJobWatch;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.kiroku.breachreporting.affected.AffectedPersonImportTest.AUDITOR;
import static dev.kiroku.breachreporting.affected.AffectedPersonImportTest.INCIDENTS;
import static dev.kiroku.breachreporting.affected.AffectedPersonImportTest.MANAGER;
import static dev.kiroku.breachreporting.affected.AffectedPersonImportTest.incident;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A job whose instance stopped (restart, crash, scale-down) is ended FAILED with its reason instead of showing RUNNING
 * for ever; a job some instance still stamps is left alone. Jobs are written as a stopped instance leaves them: RUNNING,
 * last stamped at a chosen time.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ImportJobWatchTest {

    @Inject
    ImportJobWatch watch;

    @Inject
    ImportJobRepository jobs;

    /** A CSV import left RUNNING by an instance that last stamped it at {@code stamped}. */
    UUID runningJob(String incident, Instant stamped) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ImportJob job = ImportJob.start(UUID.fromString(incident), AffectedPersonSource.CSV_IMPORT, 10_000L, null,
                    "0".repeat(64), "breach-manager", stamped);
            jobs.persist(job);
            return job.id();
        });
    }

    String path(String incident, UUID job) {
        return INCIDENTS + "/" + incident + "/affected-person-imports/" + job;
    }

    @Test
    void a_running_job_no_instance_has_stamped_for_longer_than_the_stale_limit_ends_failed_with_its_reason_and_audited() {
        String incident = incident();
        UUID job = runningJob(incident, Instant.now().minus(Duration.ofHours(1)));
        given().auth().oauth2(MANAGER).when().get(path(incident, job)).then().statusCode(200)
                .body("status", equalTo("RUNNING"));

        assertThat(watch.sweep()).isGreaterThanOrEqualTo(1);

        given().auth().oauth2(MANAGER).when().get(path(incident, job)).then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failure", containsString("no instance of the service has worked on this job for 5 minutes"))
                .body("failure", containsString("start the import or derivation again with a new Idempotency-Key"))
                .body("finishedAt", notNullValue());
        List<String> actions = given().auth().oauth2(AUDITOR).queryParam("aggregateType", "incident")
                .queryParam("aggregateId", incident).when().get("/api/v1/audit/breach-reporting/entries").then()
                .statusCode(200).extract().path("items.action");
        assertThat(actions).contains("incident.affected-persons-import-failed");

        // ended once: a second sweep (another replica's, say) finds nothing more to do with it
        watch.sweep();
        List<String> again = given().auth().oauth2(AUDITOR).queryParam("aggregateType", "incident")
                .queryParam("aggregateId", incident).when().get("/api/v1/audit/breach-reporting/entries").then()
                .statusCode(200).extract().path("items.action");
        assertThat(again.stream().filter("incident.affected-persons-import-failed"::equals)).hasSize(1);
    }

    @Test
    void a_job_an_instance_still_stamps_or_stamped_lately_is_left_running() {
        String incident = incident();
        UUID recent = runningJob(incident, Instant.now().minus(Duration.ofMinutes(1)));
        UUID stampedAgain = runningJob(incident, Instant.now().minus(Duration.ofHours(2)));
        // the instance holding it stamps it (its heartbeat) before the sweep comes round
        int stamped = QuarkusTransaction.requiringNew().call(() -> jobs.beat(List.of(stampedAgain), Instant.now()));
        assertThat(stamped).isEqualTo(1);

        watch.sweep();

        given().auth().oauth2(MANAGER).when().get(path(incident, recent)).then().statusCode(200)
                .body("status", equalTo("RUNNING"));
        given().auth().oauth2(MANAGER).when().get(path(incident, stampedAgain)).then().statusCode(200)
                .body("status", equalTo("RUNNING"));
        assertThat(watch.beat()).as("this instance holds no job now: nothing to stamp").isZero();
    }
}
