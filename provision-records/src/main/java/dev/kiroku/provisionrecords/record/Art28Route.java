package dev.kiroku.provisionrecords.record;

/** On what ground personal data goes to a third party in a foreign country (APPI Art. 28; appi-rules §A5). */
public enum Art28Route {
    /** The country is designated by the PPC as having an equivalent regime (EEA, UK). */
    EQUIVALENT_COUNTRY,
    /** The recipient maintains a system meeting the Rule 16 standard (体制整備). */
    RECIPIENT_SYSTEM,
    /** The subject consented under Art. 28(1). */
    CONSENT_28_1,
    /** An Art. 27(1) exception applies. */
    EXCEPTION_27_1
}
