package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.Art28Route;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.RecordMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/law.md §A1 / §B1: is a statutory record required? One test per row of the table. */
class RecordRequirementRulesTest {

    private static final Set<String> COVERED = new TreeSet<>();

    private static RecordRequirementRules.Row decide(Direction direction, LegalBasis basis, String country,
            Art28Route route) {
        RecordRequirementRules.Row row = RecordRequirementRules.decide(
                new Facts(direction, basis, country, route, RecordMethod.PER_EVENT, false));
        COVERED.add(row.id());
        return row;
    }

    @Test
    @DisplayName("APPI Art. 29(1) / 16(2): provision to a public body needs no record")
    void provisionToAPublicBodyNeedsNoRecord() {
        var row = decide(Direction.PROVIDED, LegalBasis.PUBLIC_BODY_16_2, "JP", null);
        assertThat(row.required()).isFalse();
        assertThat(row.article()).contains("Art. 16(2)");
    }

    @Test
    @DisplayName("APPI Art. 29(1) proviso: every Art. 27(1) exception needs no record, foreign included")
    void everyArticle27_1ExceptionNeedsNoRecordEvenAbroad() {
        for (LegalBasis basis : LegalBasis.values()) {
            if (basis.isArt27_1Exception()) {
                assertThat(decide(Direction.PROVIDED, basis, "US", Art28Route.EXCEPTION_27_1).required()).isFalse();
                assertThat(decide(Direction.RECEIVED, basis, "JP", null).id()).isEqualTo("exception-27-1");
            }
        }
    }

    @Test
    @DisplayName("PPC guideline (unverified [M]): a provision by or for the subject is not a provision")
    void interpretiveExclusionNeedsNoRecord() {
        assertThat(decide(Direction.PROVIDED, LegalBasis.NOT_PROVISION_INTERPRETIVE, "JP", null).required()).isFalse();
    }

    @Test
    @DisplayName("APPI Art. 29(1) bracketed text: entrustment, succession or joint use abroad needing Art. 28(1) consent needs a record")
    void article27_5AbroadOnConsentNeedsARecord() {
        for (LegalBasis basis : new LegalBasis[] {LegalBasis.ENTRUST_27_5_I, LegalBasis.SUCCESSION_27_5_II,
                LegalBasis.JOINT_USE_27_5_III}) {
            var row = decide(Direction.PROVIDED, basis, "US", Art28Route.CONSENT_28_1);
            assertThat(row.required()).isTrue();
            assertThat(row.id()).isEqualTo("foreign-27-5-needing-consent");
        }
    }

    @Test
    @DisplayName("APPI Art. 29(1) / 30(1) provisos: entrustment, succession and joint use need no record at home or to an equivalent country")
    void article27_5AtHomeNeedsNoRecord() {
        assertThat(decide(Direction.PROVIDED, LegalBasis.ENTRUST_27_5_I, "JP", null).required()).isFalse();
        assertThat(decide(Direction.PROVIDED, LegalBasis.JOINT_USE_27_5_III, "JP", null)
                .required()).isFalse();
        assertThat(decide(Direction.RECEIVED, LegalBasis.SUCCESSION_27_5_II, "JP", null).id()).isEqualTo("27-5");
    }

    @Test
    @DisplayName("APPI Art. 28(1), Rules 15/16, Art. 27(5): abroad, a designated country or a recipient's system (体制整備) keeps entrustment, succession and joint use record-free")
    void article27_5ToADesignatedCountryOrARecipientWithASystemNeedsNoRecord() {
        for (LegalBasis basis : new LegalBasis[] {LegalBasis.ENTRUST_27_5_I, LegalBasis.SUCCESSION_27_5_II,
                LegalBasis.JOINT_USE_27_5_III}) {
            var equivalent = decide(Direction.PROVIDED, basis, "DE", Art28Route.EQUIVALENT_COUNTRY);
            assertThat(equivalent.id()).isEqualTo("foreign-27-5-equivalent-or-system");
            assertThat(equivalent.required()).isFalse();
            var system = decide(Direction.PROVIDED, basis, "US", Art28Route.RECIPIENT_SYSTEM);
            assertThat(system.id()).isEqualTo("foreign-27-5-equivalent-or-system");
            assertThat(system.required()).isFalse();
            assertThat(system.article()).contains("Art. 28(1)", "Rule 16", "Art. 27(5)");
        }
    }

    @Test
    @DisplayName("APPI Art. 29(1), Rule 20(1)(ii): consent-based provision (27(1) or 28(1)) needs a provider record")
    void consentBasedProvisionNeedsARecord() {
        assertThat(decide(Direction.PROVIDED, LegalBasis.CONSENT_27_1, "JP", null).required()).isTrue();
        assertThat(decide(Direction.PROVIDED, LegalBasis.CONSENT_28_1, "US", Art28Route.CONSENT_28_1).id())
                .isEqualTo("consent-provided");
    }

    @Test
    @DisplayName("APPI Art. 29(1), Rule 20(1)(i): opt-out provision needs a provider record")
    void optOutProvisionNeedsARecord() {
        var row = decide(Direction.PROVIDED, LegalBasis.OPT_OUT_27_2, "JP", null);
        assertThat(row.required()).isTrue();
        assertThat(row.id()).isEqualTo("opt-out-provided");
    }

    @Test
    @DisplayName("APPI Art. 30(3), Rule 24(1)(ii): receipt of consent-based data needs a confirmation record")
    void consentBasedReceiptNeedsARecord() {
        assertThat(decide(Direction.RECEIVED, LegalBasis.CONSENT_27_1, "JP", null).id()).isEqualTo("consent-received");
    }

    @Test
    @DisplayName("APPI Art. 30(3), Rule 24(1)(i): receipt of opt-out data needs a confirmation record")
    void optOutReceiptNeedsARecord() {
        assertThat(decide(Direction.RECEIVED, LegalBasis.OPT_OUT_27_2, "JP", null).id()).isEqualTo("opt-out-received");
    }

    @Test
    @DisplayName("APPI Art. 30(3), Rule 24(1)(iii) (unverified [M]): receipt from a non-business needs a confirmation record")
    void receiptFromANonBusinessNeedsARecord() {
        var row = decide(Direction.RECEIVED, LegalBasis.FROM_NON_BUSINESS, "JP", null);
        assertThat(row.required()).isTrue();
        assertThat(row.id()).isEqualTo("non-business-received");
    }

    @AfterAll
    static void everyRowIsCovered() {
        assertThat(COVERED).isEqualTo(RecordRequirementRules.ROWS.stream().map(RecordRequirementRules.Row::id)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
