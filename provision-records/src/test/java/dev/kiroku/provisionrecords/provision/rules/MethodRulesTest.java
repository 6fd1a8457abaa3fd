package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.RecordItem;
import dev.kiroku.provisionrecords.provision.RecordMethod;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/law.md §A3 / §B3 (Rules 19 and 23): which record methods each basis allows. One test per row. */
class MethodRulesTest {

    private static Facts facts(LegalBasis basis, RecordMethod method, boolean goodsOrServices) {
        return new Facts(Direction.PROVIDED, basis, "JP", null, method, goodsOrServices);
    }

    @Test
    @DisplayName("APPI Rule 19(2) / 23(2) main text: a record per provision is always allowed")
    void perEventRecordsAreAlwaysAllowed() {
        for (LegalBasis basis : LegalBasis.values()) {
            assertThat(MethodRules.check(facts(basis, RecordMethod.PER_EVENT, false))).isEmpty();
        }
    }

    @Test
    @DisplayName("APPI Rule 19(2) proviso / 23(2) proviso: a bulk record is never allowed for opt-out, and needs its period")
    void bulkIsNeverAllowedForOptOut() {
        var refusal = MethodRules.check(facts(LegalBasis.OPT_OUT_27_2, RecordMethod.BULK, false));
        assertThat(refusal).hasValueSatisfying(v -> {
            assertThat(v.field()).isEqualTo("method");
            assertThat(v.rule()).isEqualTo("APPI Rule 19(2) proviso / Rule 23(2) proviso");
        });
        assertThat(MethodRules.check(facts(LegalBasis.CONSENT_27_1, RecordMethod.BULK, false))).isEmpty();
        assertThat(MethodRules.rowFor(RecordMethod.BULK).needs()).containsExactly(RecordItem.PERIOD_FIRST);
    }

    @Test
    @DisplayName("APPI Rule 19(3) / 23(3): a contract serves as the record only for consent-based provision tied to goods or services")
    void contractOnlyForConsentWithGoodsOrServices() {
        assertThat(MethodRules.check(facts(LegalBasis.CONSENT_27_1, RecordMethod.CONTRACT, true))).isEmpty();
        assertThat(MethodRules.check(facts(LegalBasis.CONSENT_28_1, RecordMethod.CONTRACT, true))).isEmpty();
        assertThat(MethodRules.check(facts(LegalBasis.CONSENT_27_1, RecordMethod.CONTRACT, false))).isPresent();
        assertThat(MethodRules.check(facts(LegalBasis.OPT_OUT_27_2, RecordMethod.CONTRACT, true)))
                .hasValueSatisfying(v -> assertThat(v.rule()).isEqualTo("APPI Rule 19(3) / Rule 23(3)"));
        assertThat(MethodRules.rowFor(RecordMethod.CONTRACT).needs())
                .containsExactlyInAnyOrder(RecordItem.CONTRACT_REFERENCE, RecordItem.PROVISION_DATE);
    }

    @Test
    @DisplayName("Every method has exactly one row")
    void everyMethodHasARow() {
        for (RecordMethod method : RecordMethod.values()) {
            assertThat(MethodRules.ROWS.stream().filter(r -> r.method() == method)).hasSize(1);
        }
    }
}
