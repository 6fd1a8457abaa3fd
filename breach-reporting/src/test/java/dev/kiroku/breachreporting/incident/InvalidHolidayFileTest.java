package dev.kiroku.breachreporting.incident;

import dev.kiroku.breachreporting.incident.rules.HolidayFiles;
import dev.kiroku.breachreporting.incident.rules.JapaneseAdministrativeCalendar;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The service started with a holiday file that covers less than the shipped list (it ends in 2026): it starts, says
 * why in a WARNING, and the shipped list stays in force.
 */
@QuarkusTest
@TestProfile(InvalidHolidayFileTest.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class InvalidHolidayFileTest {

    static final String AUDITOR = LocalTokens.user("auditor", "auditor");

    /** Its own application, with a file that ends a year before the shipped list. */
    public static class Profile extends LocalTokens.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            List<String> shorter = new ArrayList<>(HolidayFiles.shippedLines());
            shorter.removeIf(line -> line.startsWith("2027/"));
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("kiroku.breach-reporting.holidays.file",
                    HolidayFileInForceTest.write(HolidayFiles.shiftJis(shorter)).toString());
            return config;
        }
    }

    @Test
    void theServiceStartsWithTheShippedList() {
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON)
                .body(Map.of("awarenessAt", "2026-10-24T10:00:00+09:00", "categories", List.of("SPECIAL_CARE")))
                .when().post("/api/v1/breach-deadline-calculations")
                .then().statusCode(200)
                .body("calendar", equalTo(JapaneseAdministrativeCalendar.SOURCE_VERSION))
                .body("lastOfficialYear", equalTo(2027))
                .body("deadlines[1].dueDate", equalTo("2026-11-24"));
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("kiroku_holiday_calendar_last_official_year{list=\"shipped\"} 2027.0"));
    }
}
