package dev.kiroku.breachreporting.report;

import dev.kiroku.breachreporting.incident.IncidentAction;

/** The versions of a report to the PPC; submitting one is the incident's filing (its transition). */
public enum ReportKind {

    PRELIMINARY("速報", "APPI Rule 8(1)", IncidentAction.SUBMIT_PRELIMINARY),
    FINAL("確報", "APPI Rule 8(2)", IncidentAction.SUBMIT_FINAL),
    SUPPLEMENT("追完", "APPI Rule 8(2): supplement of items unknown at the final report", // verification [M]: docs/law.md
           
            IncidentAction.SUPPLEMENT);

    private final String japanese;
    private final String article;
    private final IncidentAction filing;

    ReportKind(String japanese, String article, IncidentAction filing) {
        this.japanese = japanese;
        this.article = article;
        this.filing = filing;
    }

    public String japanese() {
        return japanese;
    }

    public String article() {
        return article;
    }

    /** The incident action that submitting a report of this kind takes. */
    public IncidentAction filing() {
        return filing;
    }
}
