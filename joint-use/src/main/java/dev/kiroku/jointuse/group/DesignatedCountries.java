package dev.kiroku.jointuse.group;

import java.util.Set;

/**
 * The countries the PPC has designated as having a regime equivalent to Japan's (APPI Art. 28(1), Rule 15): PPC Notice
 * No. 1 of 2019 (平成31年個人情報保護委員会告示第1号), in force 2019-01-23 — the EU member states, the other EEA states
 * (Iceland, Liechtenstein, Norway) and the United Kingdom (kept after it left the EU). The same rule data as
 * provision-records' table of the same name, which carries each country's ground; each service keeps its own rule
 * tables (no service imports another), and each is tested row by row.
 */
final class DesignatedCountries {

    public static final String ARTICLE = "APPI Art. 28(1); Rule 15; PPC Notice No. 1 of 2019 (平成31年個人情報保護委員会告示第1号)";

    /** ISO 3166-1 alpha-2 codes: the 27 EU states, then IS, LI, NO, then GB. */
    public static final Set<String> CODES = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
            "IS", "LI", "NO",
            "GB");

    private DesignatedCountries() {
    }

    public static boolean isDesignated(String country) {
        return country != null && CODES.contains(country);
    }
}
