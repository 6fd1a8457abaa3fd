package dev.kiroku.provisionrecords.provision;

/**
 * The legal basis of a provision (docs/law.md §A1). Whether a record is required follows from the basis together with
 * the direction and the foreign-transfer route; see {@link dev.kiroku.provisionrecords.provision.rules.RecordRequirementRules}.
 */
public enum LegalBasis {
    /** The subject's consent, APPI Art. 27(1) main text. */
    CONSENT_27_1("APPI Art. 27(1)"),
    /** The subject's consent to a provision to a third party in a foreign country, APPI Art. 28(1). */
    CONSENT_28_1("APPI Art. 28(1)"),
    /** Opt-out provision notified to the PPC, APPI Art. 27(2). */
    OPT_OUT_27_2("APPI Art. 27(2)"),
    /** Required by laws and regulations, APPI Art. 27(1)(i). */
    EXC_27_1_I("APPI Art. 27(1)(i)"),
    /** Protection of life, body or property when consent is hard to get, APPI Art. 27(1)(ii). */
    EXC_27_1_II("APPI Art. 27(1)(ii)"),
    /** Public health or child welfare when consent is hard to get, APPI Art. 27(1)(iii). */
    EXC_27_1_III("APPI Art. 27(1)(iii)"),
    /** Cooperation with state or local public bodies on statutory duties, APPI Art. 27(1)(iv). */
    EXC_27_1_IV("APPI Art. 27(1)(iv)"),
    /** Academic research, APPI Art. 27(1)(v). */
    EXC_27_1_V("APPI Art. 27(1)(v)"),
    /** Academic research, APPI Art. 27(1)(vi). */
    EXC_27_1_VI("APPI Art. 27(1)(vi)"),
    /** Academic research, APPI Art. 27(1)(vii). */
    EXC_27_1_VII("APPI Art. 27(1)(vii)"),
    /** Entrustment within the purpose of use, APPI Art. 27(5)(i). */
    ENTRUST_27_5_I("APPI Art. 27(5)(i)"),
    /** Business succession by merger or otherwise, APPI Art. 27(5)(ii). */
    SUCCESSION_27_5_II("APPI Art. 27(5)(ii)"),
    /** Joint use, APPI Art. 27(5)(iii). */
    JOINT_USE_27_5_III("APPI Art. 27(5)(iii)"),
    /** The counterparty is a national organ, local government or (local) independent administrative agency, APPI Art. 16(2). */
    PUBLIC_BODY_16_2("APPI Art. 16(2)"),
    /** Not a provision in substance: by or for the subject, to someone who stands for the subject (guideline). */
    NOT_PROVISION_INTERPRETIVE("PPC guideline 確認・記録義務編 (interpretive exclusions)"),
    /** Received from a provider that is not a business handling personal information (e.g. a private individual). */
    FROM_NON_BUSINESS("APPI Rule 24(1)(iii)");

    private final String article;

    LegalBasis(String article) {
        this.article = article;
    }

    public String article() {
        return article;
    }

    public boolean isConsent() {
        return this == CONSENT_27_1 || this == CONSENT_28_1;
    }

    public boolean isArt27_1Exception() {
        return name().startsWith("EXC_27_1_");
    }

    public boolean isArt27_5() {
        return this == ENTRUST_27_5_I || this == SUCCESSION_27_5_II || this == JOINT_USE_27_5_III;
    }
}
