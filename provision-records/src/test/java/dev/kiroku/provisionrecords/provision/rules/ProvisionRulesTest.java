package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.Art28Route;
import dev.kiroku.provisionrecords.provision.Counterparty;
import dev.kiroku.provisionrecords.provision.CounterpartyKind;
import dev.kiroku.provisionrecords.provision.DataItem;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.ForeignTransfer;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.Period;
import dev.kiroku.provisionrecords.provision.ProvisionEvent;
import dev.kiroku.provisionrecords.provision.RecordMethod;
import dev.kiroku.provisionrecords.provision.Subject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule tables applied to whole events: what a 422 lists. */
class ProvisionRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final Counterparty CORPORATION = new Counterparty(CounterpartyKind.CORPORATION, "株式会社サンプル商事",
            "東京都千代田区丸の内一丁目1番1号", "代表取締役 山田太郎", "JP", null);
    static final Subject SUBJECT = new Subject("customer-number", "C-1", "佐藤花子");

    static ProvisionEvent event(Direction direction, LegalBasis basis, RecordMethod method, Counterparty counterparty,
            LocalDate providedOn, Period period, ForeignTransfer foreign) {
        return new ProvisionEvent("e-1", direction, basis, method, null, false, counterparty, SUBJECT,
                List.of(DataItem.NAME), List.of(), providedOn, period, null, null, null, foreign, null, null);
    }

    @Test
    @DisplayName("APPI Rule 20(1)(i): an opt-out provision without its date is refused naming the item and the rule")
    void optOutProvisionWithoutDateIsRefused() {
        var violations = ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.OPT_OUT_27_2, RecordMethod.PER_EVENT,
                CORPORATION, null, null, null), TODAY);
        assertThat(violations).extracting(RuleViolation::field, RuleViolation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("providedOn", "APPI Rule 20(1)(i)"));
    }

    @Test
    @DisplayName("APPI Rule 24(1)(i): an opt-out receipt lists every missing item of the recipient record")
    void optOutReceiptListsEveryMissingItem() {
        Counterparty bare = new Counterparty(CounterpartyKind.CORPORATION, "株式会社データ提供", null, null, "JP", null);
        var violations = ProvisionRules.check(event(Direction.RECEIVED, LegalBasis.OPT_OUT_27_2, RecordMethod.PER_EVENT,
                bare, TODAY, null, null), TODAY);
        assertThat(violations).extracting(RuleViolation::field).containsExactlyInAnyOrder("counterparty.address",
                "counterparty.representative", "acquisitionCircumstances", "ppcPublicationRef");
        assertThat(violations).allSatisfy(v -> assertThat(v.rule()).startsWith("APPI Rule 24(1)(i)"));
    }

    @Test
    @DisplayName("APPI Rule 20(1): a provision to many unspecified persons states that fact instead of a name")
    void manyUnspecifiedPersonsNeedNoName() {
        Counterparty many = new Counterparty(CounterpartyKind.MANY_UNSPECIFIED, null, null, null, "JP", null);
        assertThat(ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.OPT_OUT_27_2, RecordMethod.PER_EVENT,
                many, TODAY, null, null), TODAY)).isEmpty();
        assertThat(ProvisionRules.check(event(Direction.RECEIVED, LegalBasis.CONSENT_27_1, RecordMethod.PER_EVENT,
                many, TODAY, null, null), TODAY)).extracting(RuleViolation::field).contains("counterparty.kind");
    }

    @Test
    @DisplayName("APPI Rule 19(2) proviso: a bulk record carries a period, not a date; an opt-out bulk record is refused")
    void bulkRecordsCarryAPeriod() {
        assertThat(ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.CONSENT_27_1, RecordMethod.BULK,
                CORPORATION, null, new Period(TODAY.minusDays(30), null), null), TODAY)).isEmpty();
        assertThat(ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.CONSENT_27_1, RecordMethod.BULK,
                CORPORATION, TODAY, null, null), TODAY)).extracting(RuleViolation::field)
                .contains("providedOn", "period.first");
        assertThat(ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.CONSENT_27_1, RecordMethod.BULK,
                CORPORATION, null, new Period(TODAY, TODAY.minusDays(1)), null), TODAY))
                .extracting(RuleViolation::field).containsExactly("period.last");
        assertThat(ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.OPT_OUT_27_2, RecordMethod.BULK,
                CORPORATION, null, new Period(TODAY, TODAY), null), TODAY)).extracting(RuleViolation::field)
                .contains("method");
    }

    @Test
    @DisplayName("APPI Art. 28(1): a foreign provision names its route; consent under 28(1) is only for a foreign party")
    void foreignProvisionsNameTheirRoute() {
        Counterparty us = new Counterparty(CounterpartyKind.CORPORATION, "Example Inc.", null, null, "US", null);
        assertThat(ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.CONSENT_28_1, RecordMethod.PER_EVENT, us,
                TODAY, null, null), TODAY)).extracting(RuleViolation::field).containsExactly("foreignTransfer.route");
        assertThat(ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.CONSENT_28_1, RecordMethod.PER_EVENT, us,
                TODAY, null, new ForeignTransfer(Art28Route.CONSENT_28_1)), TODAY)).isEmpty();
        assertThat(ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.CONSENT_28_1, RecordMethod.PER_EVENT,
                CORPORATION, TODAY, null, null), TODAY)).extracting(RuleViolation::field)
                .containsExactly("counterparty.country");
        assertThat(ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.CONSENT_27_1, RecordMethod.PER_EVENT, us,
                TODAY, null, new ForeignTransfer(Art28Route.EXCEPTION_27_1)), TODAY))
                .extracting(RuleViolation::field).containsExactly("foreignTransfer.route");
    }

    @Test
    @DisplayName("APPI Art. 28(1), Rule 15: EQUIVALENT_COUNTRY is only for a PPC-designated country; elsewhere the refusal names Art. 28 and the allowed routes")
    void anEquivalentCountryRouteOutsideTheDesignatedCountriesIsRefused() {
        Counterparty cn = new Counterparty(CounterpartyKind.CORPORATION, "示例有限公司", "北京市", "王伟", "CN", null);
        var violations = ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.ENTRUST_27_5_I,
                RecordMethod.PER_EVENT, cn, TODAY, null, new ForeignTransfer(Art28Route.EQUIVALENT_COUNTRY)), TODAY);
        assertThat(violations).extracting(RuleViolation::field).containsExactly("foreignTransfer.route");
        assertThat(violations.get(0).rule()).contains("APPI Art. 28(1)", "Rule 15");
        assertThat(violations.get(0).message()).contains("CN is not designated",
                "Allowed routes: CONSENT_28_1, EXCEPTION_27_1, RECIPIENT_SYSTEM");
        assertThat(ProvisionRules.isRouteNotForCountry(violations.get(0))).isTrue();

        Counterparty de = new Counterparty(CounterpartyKind.CORPORATION, "Beispiel GmbH", "Berlin", "Max Muster", "DE",
                null);
        assertThat(ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.ENTRUST_27_5_I, RecordMethod.PER_EVENT,
                de, TODAY, null, new ForeignTransfer(Art28Route.EQUIVALENT_COUNTRY)), TODAY)).isEmpty();
    }

    @Test
    @DisplayName("APPI Art. 28(1), Rule 15: to a designated country Art. 28 does not apply — no 28(1) consent, no 体制整備 route")
    void aDesignatedCountryTakesNeitherArticle28ConsentNorTheSystemRoute() {
        Counterparty gb = new Counterparty(CounterpartyKind.CORPORATION, "Example Ltd", "London", "J Smith", "GB", null);
        var onConsent = ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.CONSENT_28_1, RecordMethod.PER_EVENT,
                gb, TODAY, null, new ForeignTransfer(Art28Route.CONSENT_28_1)), TODAY);
        assertThat(onConsent).extracting(RuleViolation::field).contains("legalBasis", "foreignTransfer.route");
        assertThat(onConsent).filteredOn(v -> v.field().equals("legalBasis")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("CONSENT_27_1"));
        var onSystem = ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.ENTRUST_27_5_I, RecordMethod.PER_EVENT,
                gb, TODAY, null, new ForeignTransfer(Art28Route.RECIPIENT_SYSTEM, "DPA-1")), TODAY);
        assertThat(onSystem).extracting(RuleViolation::message).singleElement().asString()
                .contains("GB is designated", "Allowed routes: EQUIVALENT_COUNTRY, EXCEPTION_27_1");
    }

    @Test
    @DisplayName("APPI Art. 28(3), Rule 18: on the 体制整備 route the provider records where its measures are documented")
    void theRecipientSystemRouteRecordsTheProvidersMeasures() {
        Counterparty us = new Counterparty(CounterpartyKind.CORPORATION, "Example Inc.", "New York", "J Doe", "US", null);
        var without = ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.ENTRUST_27_5_I, RecordMethod.PER_EVENT,
                us, TODAY, null, new ForeignTransfer(Art28Route.RECIPIENT_SYSTEM)), TODAY);
        assertThat(without).extracting(RuleViolation::field).containsExactly("foreignTransfer.measuresRef");
        assertThat(without.get(0).rule()).isEqualTo("APPI Art. 28(3), Rule 18(1)");
        assertThat(ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.ENTRUST_27_5_I, RecordMethod.PER_EVENT,
                us, TODAY, null, new ForeignTransfer(Art28Route.RECIPIENT_SYSTEM, "DPA-2026-014 第9条")), TODAY))
                .isEmpty();
        assertThat(ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.CONSENT_28_1, RecordMethod.PER_EVENT,
                us, TODAY, null, new ForeignTransfer(Art28Route.CONSENT_28_1, "DPA-1")), TODAY))
                .extracting(RuleViolation::field).containsExactly("foreignTransfer.measuresRef");
    }

    @Test
    @DisplayName("APPI Rule 24(1)(iii): 'received from a non-business' cannot describe a provision")
    void nonBusinessBasisIsOnlyForReceipts() {
        assertThat(ProvisionRules.check(event(Direction.PROVIDED, LegalBasis.FROM_NON_BUSINESS, RecordMethod.PER_EVENT,
                CORPORATION, TODAY, null, null), TODAY)).extracting(RuleViolation::field).contains("legalBasis");
    }

    @Test
    @DisplayName("APPI Art. 29(2): a business policy may lengthen the retention, never shorten it")
    void businessRetentionMayOnlyLengthen() {
        ProvisionEvent shorter = new ProvisionEvent("e-2", Direction.PROVIDED, LegalBasis.OPT_OUT_27_2,
                RecordMethod.PER_EVENT, null, false, CORPORATION, SUBJECT, List.of(DataItem.NAME), List.of(), TODAY,
                null, null, null, null, null, null, TODAY.plusYears(2));
        assertThat(ProvisionRules.check(shorter, TODAY)).extracting(RuleViolation::field).containsExactly("retainUntil");
        ProvisionEvent longer = new ProvisionEvent("e-3", Direction.PROVIDED, LegalBasis.OPT_OUT_27_2,
                RecordMethod.PER_EVENT, null, false, CORPORATION, SUBJECT, List.of(DataItem.NAME), List.of(), TODAY,
                null, null, null, null, null, null, TODAY.plusYears(5));
        assertThat(ProvisionRules.check(longer, TODAY)).isEmpty();
    }

    @Test
    @DisplayName("APPI Art. 29(1) proviso: a provision under an Art. 27(1) exception is accepted as voluntary evidence")
    void exemptProvisionsAreVoluntaryEvidence() {
        var assessment = ProvisionRules.assess(Facts.of(event(Direction.PROVIDED, LegalBasis.EXC_27_1_I,
                RecordMethod.PER_EVENT, CORPORATION, TODAY, null, null)));
        assertThat(assessment.statutory()).isFalse();
        assertThat(assessment.retention().id()).isEqualTo("voluntary");
    }
}
