package dev.kiroku.breachreporting;

import dev.kiroku.platform.testing.PersonalDataMarkers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No log line of this module's test run carries the personal data the tests sent (names, e-mail addresses, subject
 * identifiers of the fixtures: {@link PersonalDataMarkers}). A plain JUnit class: Quarkus' class orderer runs it after
 * every {@code @QuarkusTest} of the module, whose applications log to {@link PersonalDataMarkers#TEST_LOG} as well.
 */
class PersonalDataInLogsTest {

    @Test
    void theTestRunLoggedNoPersonalDataTheTestsSent() {
        assertThat(PersonalDataMarkers.TEST_LOG).as("the test run's log, written by the @QuarkusTest classes")
                .exists();
        assertThat(PersonalDataMarkers.foundIn(PersonalDataMarkers.TEST_LOG)).as("personal data in "
                + PersonalDataMarkers.TEST_LOG).isEmpty();
    }
}
