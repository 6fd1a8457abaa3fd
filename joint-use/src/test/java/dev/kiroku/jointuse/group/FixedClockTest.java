package dev.kiroku.jointuse.group;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import static dev.kiroku.jointuse.group.JointUseFixtures.policy002;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The service reads the time from the injected clock: a test fixes it and sees it in what the service stores. */
@QuarkusTest
@TestProfile(FixedClockTest.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class FixedClockTest {

    static final Instant FIXED = Instant.parse("2024-04-01T00:30:00.123456Z");
    static final String GROUPS = "/api/v1/joint-use-groups";
    static final String OFFICER = LocalTokens.user("officer", "compliance-officer");

    /** Replaces the platform's default clock while this profile runs. */
    @Alternative
    @Singleton
    public static class FixedClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(FIXED, zone);
        }

        @Override
        public Instant instant() {
            return FIXED;
        }
    }

    public static class Profile extends LocalTokens.Profile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FixedClock.class);
        }
    }

    @Test
    void aCreatedGroupCarriesTheFixedInstant() {
        String created = given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(policy002())
                .when().post(GROUPS)
                .then().statusCode(201)
                .extract().path("createdAt");
        assertThat(OffsetDateTime.parse(created).toInstant()).isEqualTo(FIXED);
        String id = given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(policy002())
                .when().post(GROUPS)
                .then().statusCode(201)
                .extract().path("id");
        String stored = given().auth().oauth2(OFFICER).when().get(GROUPS + "/" + id)
                .then().statusCode(200)
                .extract().path("updatedAt");
        assertThat(OffsetDateTime.parse(stored).toInstant()).isEqualTo(FIXED);
    }
}
