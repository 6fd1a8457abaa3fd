package dev.kiroku.breachreporting.incident.rules;

import dev.kiroku.breachreporting.incident.IncidentFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * APPI Rule 7(iv) (本人の数が千人を超える, more than 1,000 persons) fed by the persons on record: the count an assessment
 * rests on is the larger of the declared count and the persons imported or derived — it only ever grows.
 */
class KnownPersonsRuleTest {

    static final LocalDate AWARE = LocalDate.of(2026, 11, 20);

    static Assessment assessWithOnRecord(long declared, long onRecord) {
        AssessmentFacts declaredFacts = IncidentFixtures.minor().withAffectedPersons(declared);
        return Rule7.assess(declaredFacts.withAffectedPersons(Rule7.knownPersons(declared, onRecord)), AWARE);
    }

    @Test
    @DisplayName("Rule 7(iv): 1,001 persons on record make a 300-person declaration reportable, 30 days")
    void personsOnRecordAboveAThousandAddCategoryIvToASmallDeclaration() {
        Assessment a = assessWithOnRecord(300, 1001);

        assertThat(a.reportable()).isTrue();
        assertThat(a.categories()).containsExactly(Rule7Category.OVER_THRESHOLD_PERSONS);
        assertThat(a.facts().affectedPersons()).isEqualTo(1001);
        assertThat(a.finalReportDays()).isEqualTo(Rule7.FINAL_DAYS);
        assertThat(a.reasons()).anySatisfy(r -> assertThat(r.article()).isEqualTo("APPI Rule 7(iv)"));
    }

    @Test
    @DisplayName("Rule 7(iv) counts more than 1,000: exactly 1,000 persons on record is not reportable by count")
    void exactlyAThousandPersonsOnRecordIsNotMoreThanAThousand() {
        Assessment a = assessWithOnRecord(10, 1000);

        assertThat(a.reportable()).isFalse();
        assertThat(a.facts().affectedPersons()).isEqualTo(1000);
    }

    @Test
    @DisplayName("Rule 7(iv): fewer persons on record never lower a larger declared count (no silent downgrade)")
    void fewerPersonsOnRecordKeepTheLargerDeclaration() {
        assertThat(Rule7.knownPersons(1500, 12)).isEqualTo(1500);
        Assessment a = assessWithOnRecord(1500, 12);

        assertThat(a.categories()).containsExactly(Rule7Category.OVER_THRESHOLD_PERSONS);
        assertThat(a.facts().affectedPersons()).isEqualTo(1500);
    }

    @Test
    @DisplayName("Rule 7(iv): a re-assessment on a larger count keeps every category, so it is an upgrade")
    void aLargerCountIsAlwaysAnUpgradeOfTheAssessment() {
        Assessment before = Rule7.assess(IncidentFixtures.wrongfulOverThreshold().withAffectedPersons(200), AWARE);
        Assessment after = Rule7.assess(IncidentFixtures.wrongfulOverThreshold()
                .withAffectedPersons(Rule7.knownPersons(200, 2400)), AWARE);

        assertThat(before.categories()).containsExactly(Rule7Category.WRONGFUL_PURPOSE);
        assertThat(after.categories()).containsExactly(Rule7Category.WRONGFUL_PURPOSE,
                Rule7Category.OVER_THRESHOLD_PERSONS);
        assertThat(before.isUpgradedBy(after)).isTrue();
        assertThat(after.finalReportDays()).isEqualTo(Rule7.FINAL_DAYS_WRONGFUL_PURPOSE);
    }
}
