package dev.kiroku.breachreporting.incident;

import dev.kiroku.breachreporting.incident.rules.HolidayFiles;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

/**
 * The service started with the Cabinet Office's next list as a file (kiroku.breach-reporting.holidays.file, Shift_JIS
 * and CRLF as published, the shipped list plus 2028 with one fictitious holiday): 2028 is answered as official.
 */
@QuarkusTest
@TestProfile(HolidayFileInForceTest.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class HolidayFileInForceTest {

    static final String OFFICER = LocalTokens.user("officer", "compliance-officer");

    /** Its own application, with the holiday file written where the configuration names it. */
    public static class Profile extends LocalTokens.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("kiroku.breach-reporting.holidays.file",
                    write(HolidayFiles.shiftJis(HolidayFiles.with2028())).toString());
            return config;
        }
    }

    static Path write(byte[] bytes) {
        try {
            Path file = Files.createTempDirectory("kiroku-holidays").resolve("syukujitsu.csv");
            Files.write(file, bytes);
            file.toFile().deleteOnExit();
            file.getParent().toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aDayOfTheNextYearIsAnsweredFromTheFileAsOfficialAndTheVersionNamesTheFile() {
        // 2028-05-16 + 30 = Thu 06-15, the file's (fictitious) holiday → Fri 06-16, not projected
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("awarenessAt", "2028-05-16T10:00:00+09:00", "categories", List.of("SPECIAL_CARE")))
                .when().post("/api/v1/breach-deadline-calculations")
                .then().statusCode(200)
                .body("deadlines[1].skipped", equalTo(List.of(
                        "2028-06-15 " + HolidayFiles.FICTITIOUS_NAME + " (national holiday)")))
                .body("deadlines[1].dueDate", equalTo("2028-06-16"))
                .body("deadlines[1].projectedCalendar", equalTo(false))
                .body("projectedCalendar", equalTo(false))
                .body("lastOfficialYear", equalTo(2028))
                .body("calendar", startsWith("file:syukujitsu.csv sha256:"))
                .body("calendar", endsWith(" (1955-01-01..2028-11-23)"))
                .body("deadlines[1].calendar", matchesPattern("file:syukujitsu\\.csv sha256:[0-9a-f]{12} "
                        + "\\(1955-01-01\\.\\.2028-11-23\\)"));
    }

    @Test
    void theGaugesShowTheFilesLastYear() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("kiroku_holiday_calendar_last_official_year{list=\"file\"} 2028.0"))
                .body(matchesPattern("(?s).*kiroku_holiday_calendar_next_year_projected\\{list=\"file\"} [01]\\.0.*"));
    }
}
