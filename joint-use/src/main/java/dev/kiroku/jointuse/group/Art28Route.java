package dev.kiroku.jointuse.group;

/**
 * Why a joint user outside Japan may receive the jointly used data (APPI Art. 28(1)); which route a country can have is
 * decided by {@link DesignatedCountries}. Joint use lifts the record duty only where Art. 28(1) consent is not needed.
 */
public enum Art28Route {
    /** The member's country is designated by the PPC (EU/EEA states, UK; Rule 15): Art. 28 does not apply. */
    EQUIVALENT_COUNTRY,
    /** The member keeps a system meeting the Rule 16 standard (体制整備); the provider takes the Rule 18 measures. */
    RECIPIENT_SYSTEM,
    /** Provision to the member rests on the persons' consent under Art. 28(1). */
    CONSENT_28_1
}
