package dev.kiroku.jointuse.group;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/law.md §A1 rows 3–4 and D3: does a provision to a joint user still need an Art. 29 record? One test per row. */
class ForeignJointUserRulesTest {

    private static final Set<String> COVERED = new TreeSet<>();

    private static ForeignJointUserRules.Row decide(String country, Art28Route route) {
        ForeignJointUserRules.Row row = ForeignJointUserRules.decide(new Member("Member", "Address", null, country,
                null, route));
        COVERED.add(row.id());
        return row;
    }

    @Test
    @DisplayName("APPI Art. 27(5)(iii): a joint user in Japan is no third party — no record")
    void aDomesticJointUserNeedsNoRecord() {
        var row = decide("JP", null);
        assertThat(row.id()).isEqualTo("domestic");
        assertThat(row.recordsRequired()).isFalse();
    }

    @Test
    @DisplayName("APPI Art. 28(1), Rule 15: a joint user in a designated country keeps joint use — no record")
    void aJointUserInADesignatedCountryNeedsNoRecord() {
        for (String country : List.of("BE", "DE", "NO", "GB")) {
            var row = decide(country, null);
            assertThat(row.id()).isEqualTo("designated-country");
            assertThat(row.recordsRequired()).isFalse();
            assertThat(row.article()).contains("Rule 15", "Art. 27(5)(iii)");
            assertThat(decide(country, Art28Route.EQUIVALENT_COUNTRY).id()).isEqualTo("designated-country");
        }
    }

    @Test
    @DisplayName("APPI Art. 28(1), Rule 16, Art. 28(3), Rule 18: a joint user with a system (体制整備) keeps joint use — no record")
    void aJointUserWithASystemNeedsNoRecord() {
        var row = decide("US", Art28Route.RECIPIENT_SYSTEM);
        assertThat(row.id()).isEqualTo("recipient-system");
        assertThat(row.recordsRequired()).isFalse();
        assertThat(row.article()).contains("Rule 16", "Rule 18");
    }

    @Test
    @DisplayName("APPI Art. 28(1), Art. 29(1) bracketed text: elsewhere Art. 28(1) consent is needed — and a record")
    void aJointUserElsewhereNeedsConsentAndARecord() {
        assertThat(decide("US", Art28Route.CONSENT_28_1).recordsRequired()).isTrue();
        var unstated = decide("CN", null);
        assertThat(unstated.id()).isEqualTo("consent-28-1");
        assertThat(unstated.recordsRequired()).isTrue();
        assertThat(unstated.article()).contains("Art. 28(1)", "Art. 29(1)");
    }

    @Test
    @DisplayName("APPI Art. 28(1): routes a member's country cannot have are refused, naming the allowed ones")
    void routesTheCountryCannotHaveAreRefused() {
        var definition = JointUseFixtures.withMembers(JointUseFixtures.policy002(), List.of(
                new Member("A", "a", null, "JP", null, Art28Route.CONSENT_28_1),
                new Member("B", "b", null, "CN", null, Art28Route.EQUIVALENT_COUNTRY),
                new Member("C", "c", null, "FR", null, Art28Route.RECIPIENT_SYSTEM),
                new Member("D", "d", null, "FR", null, Art28Route.EQUIVALENT_COUNTRY),
                new Member("E", "e", null, "US", null, Art28Route.RECIPIENT_SYSTEM)));
        var reasons = ForeignJointUserRules.refusals(definition);
        assertThat(reasons).extracting(JointUseRefusal.Reason::field).containsExactly("scope.members[0].art28Route",
                "scope.members[1].art28Route", "scope.members[2].art28Route");
        assertThat(reasons.get(1).message()).contains("RECIPIENT_SYSTEM", "CONSENT_28_1");
        assertThat(reasons.get(2).message()).contains("Allowed: EQUIVALENT_COUNTRY");
        assertThat(reasons.get(1).article()).contains("APPI Art. 28(1)", "Rule 15");
    }

    @ParameterizedTest(name = "{0} is designated")
    @DisplayName("PPC Notice No. 1 of 2019: the 27 EU states, Iceland, Liechtenstein, Norway and the United Kingdom")
    @ValueSource(strings = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
            "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GB"})
    void everyDesignatedCountry(String code) {
        assertThat(DesignatedCountries.isDesignated(code)).isTrue();
    }

    @Test
    @DisplayName("PPC Notice No. 1 of 2019: nothing else is designated (Switzerland and the US included)")
    void nothingElseIsDesignated() {
        assertThat(DesignatedCountries.CODES).hasSize(31);
        for (String code : List.of("CH", "US", "CN", "KR", "SG", "JP")) {
            assertThat(DesignatedCountries.isDesignated(code)).as(code).isFalse();
        }
    }

    @AfterAll
    static void everyRowIsCovered() {
        assertThat(COVERED).isEqualTo(ForeignJointUserRules.ROWS.stream().map(ForeignJointUserRules.Row::id)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
