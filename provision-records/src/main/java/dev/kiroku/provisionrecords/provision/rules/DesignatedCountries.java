package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.Art28Route;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The foreign countries the PPC has designated as having a personal-information regime equivalent to Japan's (APPI
 * Art. 28(1), Rule 15): a provision to a third party there is not a provision to "a third party in a foreign country"
 * and needs neither Art. 28(1) consent nor a system meeting the Rule 16 standard. Everywhere else the recipient needs
 * such a system (体制整備, route {@link Art28Route#RECIPIENT_SYSTEM}) or the person's consent under Art. 28(1)
 * (route {@link Art28Route#CONSENT_28_1}), unless an Art. 27(1) exception applies.
 *
 * <p>Source: PPC Notice No. 1 of 2019 (平成31年個人情報保護委員会告示第1号), in force 2019-01-23, designating the
 * member states of the European Union and of the European Economic Area (the EU states plus Iceland, Liechtenstein and
 * Norway) and the United Kingdom (designated as an EU member state, kept as a country of its own after it left the EU
 * on 2020-01-31). Checked against the PPC's list of designated countries (外国にある第三者への提供編, 2-1) as of
 * {@link #CHECKED_ON}. When the PPC changes the notice, change {@link #ROWS} and its test.
 */
public final class DesignatedCountries {

    public static final String NOTICE = "PPC Notice No. 1 of 2019 (平成31年個人情報保護委員会告示第1号)";
    public static final String ARTICLE = "APPI Art. 28(1); Rule 15; " + NOTICE;
    public static final LocalDate CHECKED_ON = LocalDate.of(2026, 12, 4);

    /** Why a country is designated. */
    public enum Ground {
        EU_MEMBER_STATE("a member state of the European Union"),
        EEA_STATE("a state of the European Economic Area outside the EU"),
        UNITED_KINGDOM("the United Kingdom, designated with the EU and kept after its exit");

        private final String description;

        Ground(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** One designated country: ISO 3166-1 alpha-2 code, English name, ground, and the day the designation took effect. */
    public record Row(String code, String name, Ground ground, LocalDate since) {
    }

    private static final LocalDate IN_FORCE = LocalDate.of(2019, 1, 23);

    public static final List<Row> ROWS = List.of(
            eu("AT", "Austria"), eu("BE", "Belgium"), eu("BG", "Bulgaria"), eu("HR", "Croatia"), eu("CY", "Cyprus"),
            eu("CZ", "Czechia"), eu("DK", "Denmark"), eu("EE", "Estonia"), eu("FI", "Finland"), eu("FR", "France"),
            eu("DE", "Germany"), eu("GR", "Greece"), eu("HU", "Hungary"), eu("IE", "Ireland"), eu("IT", "Italy"),
            eu("LV", "Latvia"), eu("LT", "Lithuania"), eu("LU", "Luxembourg"), eu("MT", "Malta"),
            eu("NL", "Netherlands"), eu("PL", "Poland"), eu("PT", "Portugal"), eu("RO", "Romania"),
            eu("SK", "Slovakia"), eu("SI", "Slovenia"), eu("ES", "Spain"), eu("SE", "Sweden"),
            new Row("IS", "Iceland", Ground.EEA_STATE, IN_FORCE),
            new Row("LI", "Liechtenstein", Ground.EEA_STATE, IN_FORCE),
            new Row("NO", "Norway", Ground.EEA_STATE, IN_FORCE),
            new Row("GB", "United Kingdom", Ground.UNITED_KINGDOM, IN_FORCE));

    private static final Map<String, Row> BY_CODE = ROWS.stream()
            .collect(Collectors.toUnmodifiableMap(Row::code, Function.identity()));

    /** The routes a counterparty in a designated country can take: Art. 28 does not reach it. */
    public static final Set<Art28Route> ROUTES_IF_DESIGNATED =
            EnumSet.of(Art28Route.EQUIVALENT_COUNTRY, Art28Route.EXCEPTION_27_1);
    /** The routes a counterparty in any other foreign country can take. */
    public static final Set<Art28Route> ROUTES_OTHERWISE =
            EnumSet.of(Art28Route.RECIPIENT_SYSTEM, Art28Route.CONSENT_28_1, Art28Route.EXCEPTION_27_1);

    private DesignatedCountries() {
    }

    private static Row eu(String code, String name) {
        return new Row(code, name, Ground.EU_MEMBER_STATE, IN_FORCE);
    }

    /** The designation of a country (ISO 3166-1 alpha-2), if the PPC designated it. */
    public static Optional<Row> of(String country) {
        return Optional.ofNullable(country == null ? null : BY_CODE.get(country));
    }

    public static boolean isDesignated(String country) {
        return of(country).isPresent();
    }

    /** The Art. 28 routes a provision to a third party in this foreign country can take. */
    public static Set<Art28Route> allowedRoutes(String country) {
        return isDesignated(country) ? ROUTES_IF_DESIGNATED : ROUTES_OTHERWISE;
    }
}
