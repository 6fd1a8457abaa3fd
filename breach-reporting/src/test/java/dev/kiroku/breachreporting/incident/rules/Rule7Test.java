package dev.kiroku.breachreporting.incident.rules;

import dev.kiroku.breachreporting.incident.rules.AssessmentFacts.DataScope;
import dev.kiroku.breachreporting.incident.rules.AssessmentFacts.EventKind;
import dev.kiroku.breachreporting.incident.rules.AssessmentFacts.Occurrence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** APPI Enforcement Rule 7 (text in force from 2024-04-01): each category, the exclusions and the reasons given. */
class Rule7Test {

    static final LocalDate AFTER_2024 = LocalDate.of(2026, 6, 1);

    record Facts(Occurrence occurrence, boolean specialCare, boolean financial, boolean wrongful, DataScope scope,
                 long persons, boolean encrypted, boolean keyLost) {

        static Facts leak() {
            return new Facts(Occurrence.OCCURRED, false, false, false, DataScope.HELD, 10, false, false);
        }

        AssessmentFacts build() {
            return new AssessmentFacts(occurrence, Set.of(EventKind.LEAK), specialCare, financial, wrongful, scope,
                    persons, encrypted, keyLost, null);
        }

        Facts withSpecialCare() {
            return new Facts(occurrence, true, financial, wrongful, scope, persons, encrypted, keyLost);
        }

        Facts withFinancial() {
            return new Facts(occurrence, specialCare, true, wrongful, scope, persons, encrypted, keyLost);
        }

        Facts withWrongful() {
            return new Facts(occurrence, specialCare, financial, true, scope, persons, encrypted, keyLost);
        }

        Facts persons(long n) {
            return new Facts(occurrence, specialCare, financial, wrongful, scope, n, encrypted, keyLost);
        }

        Facts scope(DataScope s) {
            return new Facts(occurrence, specialCare, financial, wrongful, s, persons, encrypted, keyLost);
        }

        Facts encrypted(boolean keyAlsoLost) {
            return new Facts(occurrence, specialCare, financial, wrongful, scope, persons, true, keyAlsoLost);
        }

        Facts occurrence(Occurrence o) {
            return new Facts(o, specialCare, financial, wrongful, scope, persons, encrypted, keyLost);
        }
    }

    static Assessment assess(Facts facts) {
        return Rule7.assess(facts.build(), AFTER_2024);
    }

    @Test
    @DisplayName("APPI Rule 7(i): special-care personal information of even one person is reportable, final in 30 days")
    void specialCareDataIsReportable() {
        Assessment a = assess(Facts.leak().withSpecialCare().persons(1));
        assertThat(a.reportable()).isTrue();
        assertThat(a.categories()).containsExactly(Rule7Category.SPECIAL_CARE);
        assertThat(a.finalReportDays()).isEqualTo(30);
        assertThat(a.reasons()).extracting(Assessment.Reason::article).contains("APPI Rule 7(i)");
    }

    @Test
    @DisplayName("APPI Rule 7(ii): data whose misuse may cause financial damage is reportable")
    void financialDamageRiskIsReportable() {
        Assessment a = assess(Facts.leak().withFinancial());
        assertThat(a.categories()).containsExactly(Rule7Category.FINANCIAL_DAMAGE);
        assertThat(a.reasons()).extracting(Assessment.Reason::article).contains("APPI Rule 7(ii)");
    }

    @Test
    @DisplayName("APPI Rule 7(iii): an act with wrongful purpose is reportable, final in 60 days")
    void wrongfulPurposeIsReportableWithSixtyDays() {
        Assessment a = assess(Facts.leak().withWrongful());
        assertThat(a.categories()).containsExactly(Rule7Category.WRONGFUL_PURPOSE);
        assertThat(a.finalReportDays()).isEqualTo(60);
    }

    @Test
    @DisplayName("APPI Rule 7(iii) as amended 2024-04-01: web skimming of data the business is trying to acquire counts")
    void webSkimmingOfDataBeingAcquiredCountsSince2024() {
        Assessment a = assess(Facts.leak().withWrongful().withFinancial().scope(DataScope.BEING_ACQUIRED));
        assertThat(a.categories()).containsExactly(Rule7Category.WRONGFUL_PURPOSE);
        assertThat(a.reasons()).extracting(Assessment.Reason::code)
                .contains("category-iii-acquisition", "category-ii-acquisition");
    }

    @Test
    @DisplayName("APPI Rule 7(iii) before 2024-04-01: data being acquired did not count, so the skimming was not reportable")
    void webSkimmingBefore2024WasNotCategoryThree() {
        Assessment a = Rule7.assess(Facts.leak().withWrongful().scope(DataScope.BEING_ACQUIRED).build(),
                LocalDate.of(2024, 3, 31));
        assertThat(a.reportable()).isFalse();
        assertThat(a.reasons()).extracting(Assessment.Reason::code).contains("category-iii-before-2024");
    }

    @Test
    @DisplayName("APPI Rule 7(iv): more than 1,000 persons is reportable; exactly 1,000 is not")
    void moreThanOneThousandPersonsIsReportable() {
        assertThat(assess(Facts.leak().persons(1001)).categories()).containsExactly(Rule7Category.OVER_THRESHOLD_PERSONS);
        assertThat(assess(Facts.leak().persons(1000)).reportable()).isFalse();
    }

    @Test
    @DisplayName("APPI Art. 26(1), Rule 7: an event that may have occurred (発生したおそれ) counts as one that occurred")
    void mayHaveOccurredCounts() {
        Assessment a = assess(Facts.leak().withSpecialCare().occurrence(Occurrence.MAY_HAVE_OCCURRED));
        assertThat(a.reportable()).isTrue();
        assertThat(a.reasons()).extracting(Assessment.Reason::code).contains("may-have-occurred");
    }

    @Test
    @DisplayName("Guideline 3-5-1 [S]: an event ruled out (all copies recovered unseen) is not reportable")
    void ruledOutIsNotReportable() {
        Assessment a = assess(Facts.leak().withSpecialCare().persons(5000).occurrence(Occurrence.RULED_OUT));
        assertThat(a.reportable()).isFalse();
        assertThat(a.categories()).isEmpty();
        assertThat(a.finalReportDays()).isNull();
    }

    @Test
    @DisplayName("APPI Rule 7 (parenthetical): high-level encryption excludes every category")
    void highLevelEncryptionExcludes() {
        Assessment a = assess(Facts.leak().withSpecialCare().persons(5000).encrypted(false));
        assertThat(a.reportable()).isFalse();
        assertThat(a.reasons()).extracting(Assessment.Reason::code).contains("encryption-excludes");
    }

    @Test
    @DisplayName("APPI Rule 7 (parenthetical): encryption does not exclude when the key was leaked too")
    void encryptionWithALeakedKeyDoesNotExclude() {
        Assessment a = assess(Facts.leak().withSpecialCare().encrypted(true));
        assertThat(a.reportable()).isTrue();
        assertThat(a.reasons()).extracting(Assessment.Reason::code).contains("encryption-key-compromised");
    }

    @Test
    @DisplayName("APPI Rule 8(2): (iii) with another category gives 60 days for the whole report — unverified [M] (H2)")
    void categoryThreeWithAnotherGivesSixtyDays() {
        Assessment a = assess(Facts.leak().withWrongful().withSpecialCare().persons(2000));
        assertThat(a.categories()).containsExactly(Rule7Category.SPECIAL_CARE, Rule7Category.WRONGFUL_PURPOSE,
                Rule7Category.OVER_THRESHOLD_PERSONS);
        assertThat(a.finalReportDays()).isEqualTo(60);
        assertThat(a.reasons()).anySatisfy(r -> assertThat(r.message()).contains("the conservative reading"));
    }

    @Test
    @DisplayName("A re-assessment that drops a category is not an upgrade")
    void droppingACategoryIsNoUpgrade() {
        Assessment wide = assess(Facts.leak().withWrongful().persons(2000));
        Assessment narrow = assess(Facts.leak().persons(2000));
        assertThat(wide.isUpgradedBy(narrow)).isFalse();
        assertThat(narrow.isUpgradedBy(wide)).isTrue();
    }
}
