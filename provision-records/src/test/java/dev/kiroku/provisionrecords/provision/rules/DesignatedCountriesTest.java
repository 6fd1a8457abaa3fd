package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.Art28Route;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * APPI Art. 28(1), Rule 15 and PPC Notice No. 1 of 2019: the countries designated as having an equivalent regime, one
 * test row per designated country, and the routes the others can take.
 */
class DesignatedCountriesTest {

    @ParameterizedTest(name = "{0} ({1}) is designated as {2}")
    @DisplayName("PPC Notice No. 1 of 2019: every EU and EEA state and the United Kingdom is designated, in force 2019-01-23")
    @CsvSource({
            "AT, Austria, EU_MEMBER_STATE", "BE, Belgium, EU_MEMBER_STATE", "BG, Bulgaria, EU_MEMBER_STATE",
            "HR, Croatia, EU_MEMBER_STATE", "CY, Cyprus, EU_MEMBER_STATE", "CZ, Czechia, EU_MEMBER_STATE",
            "DK, Denmark, EU_MEMBER_STATE", "EE, Estonia, EU_MEMBER_STATE", "FI, Finland, EU_MEMBER_STATE",
            "FR, France, EU_MEMBER_STATE", "DE, Germany, EU_MEMBER_STATE", "GR, Greece, EU_MEMBER_STATE",
            "HU, Hungary, EU_MEMBER_STATE", "IE, Ireland, EU_MEMBER_STATE", "IT, Italy, EU_MEMBER_STATE",
            "LV, Latvia, EU_MEMBER_STATE", "LT, Lithuania, EU_MEMBER_STATE", "LU, Luxembourg, EU_MEMBER_STATE",
            "MT, Malta, EU_MEMBER_STATE", "NL, Netherlands, EU_MEMBER_STATE", "PL, Poland, EU_MEMBER_STATE",
            "PT, Portugal, EU_MEMBER_STATE", "RO, Romania, EU_MEMBER_STATE", "SK, Slovakia, EU_MEMBER_STATE",
            "SI, Slovenia, EU_MEMBER_STATE", "ES, Spain, EU_MEMBER_STATE", "SE, Sweden, EU_MEMBER_STATE",
            "IS, Iceland, EEA_STATE", "LI, Liechtenstein, EEA_STATE", "NO, Norway, EEA_STATE",
            "GB, United Kingdom, UNITED_KINGDOM"})
    void everyDesignatedCountryIsInTheTable(String code, String name, DesignatedCountries.Ground ground) {
        DesignatedCountries.Row row = DesignatedCountries.of(code).orElseThrow();
        assertThat(row.name()).isEqualTo(name);
        assertThat(row.ground()).isEqualTo(ground);
        assertThat(row.since()).isEqualTo(LocalDate.of(2019, 1, 23));
        assertThat(DesignatedCountries.allowedRoutes(code))
                .containsExactlyInAnyOrder(Art28Route.EQUIVALENT_COUNTRY, Art28Route.EXCEPTION_27_1);
    }

    @Test
    @DisplayName("The table holds exactly the 27 EU states, the 3 other EEA states and the United Kingdom")
    void theTableHoldsNothingElse() {
        assertThat(DesignatedCountries.ROWS).hasSize(31);
        assertThat(DesignatedCountries.ROWS).filteredOn(r -> r.ground() == DesignatedCountries.Ground.EU_MEMBER_STATE)
                .hasSize(27);
        assertThat(DesignatedCountries.ROWS).filteredOn(r -> r.ground() == DesignatedCountries.Ground.EEA_STATE)
                .extracting(DesignatedCountries.Row::code).containsExactlyInAnyOrder("IS", "LI", "NO");
    }

    @ParameterizedTest(name = "{0} is not designated")
    @DisplayName("APPI Art. 28(1): elsewhere (Switzerland and the US included) a system (Rule 16) or Art. 28(1) consent is needed")
    @ValueSource(strings = {"CN", "US", "CH", "KR", "SG", "IN", "AU", "BR", "JP"})
    void otherCountriesAreNotDesignated(String code) {
        assertThat(DesignatedCountries.isDesignated(code)).isFalse();
        assertThat(DesignatedCountries.allowedRoutes(code)).containsExactlyInAnyOrder(Art28Route.RECIPIENT_SYSTEM,
                Art28Route.CONSENT_28_1, Art28Route.EXCEPTION_27_1);
    }
}
