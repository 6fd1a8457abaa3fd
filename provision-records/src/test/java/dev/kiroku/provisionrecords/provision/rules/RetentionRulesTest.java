package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.RecordMethod;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/law.md §A4 / §B3 (Act 29(2), 30(4); Rules 21 and 25): how long a record is kept. The day arithmetic reads
 * "起算して…を経過する日まで" conservatively — kept through the anniversary (docs/law.md §H5, unverified [M]).
 */
class RetentionRulesTest {

    private static final LocalDate LAST_PROVISION = LocalDate.of(2026, 3, 31);
    private static final LocalDate CREATED = LocalDate.of(2026, 4, 2);

    @Test
    @DisplayName("APPI Rule 21(1)(i) / 25(1)(i) (wording [M]): a contract record is kept 1 year from the last provision")
    void contractRecordsAreKeptOneYearFromTheLastProvision() {
        var row = RetentionRules.rowFor(RecordMethod.CONTRACT, true);
        assertThat(RetentionRules.legalRetainUntil(row, LAST_PROVISION, CREATED)).isEqualTo("2027-03-31");
    }

    @Test
    @DisplayName("APPI Rule 21(1)(ii) / 25(1)(ii) (wording [M]): a bulk record is kept 3 years from the last provision, open while the period is")
    void bulkRecordsAreKeptThreeYearsFromTheLastProvision() {
        var row = RetentionRules.rowFor(RecordMethod.BULK, true);
        assertThat(RetentionRules.legalRetainUntil(row, LAST_PROVISION, CREATED)).isEqualTo("2029-03-31");
        assertThat(RetentionRules.legalRetainUntil(row, null, CREATED)).isNull();
    }

    @Test
    @DisplayName("APPI Art. 29(2), Rule 21(1)(iii) / Art. 30(4), Rule 25(1)(iii): a per-event record is kept 3 years from its creation")
    void perEventRecordsAreKeptThreeYearsFromCreation() {
        var row = RetentionRules.rowFor(RecordMethod.PER_EVENT, true);
        assertThat(RetentionRules.legalRetainUntil(row, LAST_PROVISION, CREATED)).isEqualTo("2029-04-02");
    }

    @Test
    @DisplayName("APPI Art. 29(2): a record made on 29 February is kept through 28 February three years later")
    void leapDayCreationKeepsThroughTheLastDayOfFebruary() {
        var row = RetentionRules.rowFor(RecordMethod.PER_EVENT, true);
        assertThat(RetentionRules.legalRetainUntil(row, null, LocalDate.of(2028, 2, 29))).isEqualTo("2031-02-28");
    }

    @Test
    @DisplayName("No legal minimum for voluntary records: Kiroku keeps them 3 years from creation, whatever the method")
    void voluntaryRecordsAreKeptThreeYearsFromCreation() {
        for (RecordMethod method : RecordMethod.values()) {
            var row = RetentionRules.rowFor(method, false);
            assertThat(row.id()).isEqualTo("voluntary");
            assertThat(RetentionRules.legalRetainUntil(row, LAST_PROVISION, CREATED)).isEqualTo("2029-04-02");
        }
    }

    @Test
    @DisplayName("APPI Rules 21(1) / 25(1): the day a purge names as the start of the count is the one the rule counts from")
    void theDayCountedFromIsTheLastProvisionOrTheCreationAsTheRuleSays() {
        assertThat(RetentionRules.countedFrom(RetentionRules.rowFor(RecordMethod.CONTRACT, true), LAST_PROVISION,
                CREATED)).isEqualTo(LAST_PROVISION);
        assertThat(RetentionRules.countedFrom(RetentionRules.rowFor(RecordMethod.BULK, true), null, CREATED)).isNull();
        assertThat(RetentionRules.countedFrom(RetentionRules.rowFor(RecordMethod.PER_EVENT, true), LAST_PROVISION,
                CREATED)).isEqualTo(CREATED);
        assertThat(RetentionRules.countedFrom(RetentionRules.rowFor(RecordMethod.CONTRACT, false), LAST_PROVISION,
                CREATED)).isEqualTo(CREATED);
    }
}
