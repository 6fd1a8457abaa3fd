package dev.kiroku.breachreporting.report;

/** Where a report was filed (APPI Rule 8(3); Act Art. 150). */
public enum SubmissionChannel {
    /** The PPC's online system (電子情報処理組織): the web form; it issues a receipt number. */
    PPC_WEB_FORM,
    /** The competent minister (事業所管大臣) to whom the PPC delegated its power for the business's sector. */
    DELEGATED_MINISTRY
}
