package dev.kiroku.provisionrecords.provision;

/**
 * On what ground personal data goes to a third party in a foreign country (APPI Art. 28; docs/law.md §A5). Which routes
 * a country can have is decided by {@link dev.kiroku.provisionrecords.provision.rules.DesignatedCountries}.
 */
public enum Art28Route {
    /** The country is designated by the PPC as having an equivalent regime (EEA, UK; Rule 15): Art. 28 does not apply. */
    EQUIVALENT_COUNTRY,
    /**
     * The recipient maintains a system meeting the Rule 16 standard (体制整備); the provider takes the measures of
     * Art. 28(3) / Rule 18 and records where they are documented. Distinct from equivalence: any foreign country.
     */
    RECIPIENT_SYSTEM,
    /** The subject consented under Art. 28(1) (a country not designated). */
    CONSENT_28_1,
    /** An Art. 27(1) exception applies. */
    EXCEPTION_27_1
}
