package dev.kiroku.breachreporting.report;

/** A submitted report is evidence: it is never changed or submitted again (409). */
public class ReportAlreadySubmitted extends RuntimeException {

    private final transient IncidentReport report;

    ReportAlreadySubmitted(IncidentReport report) {
        super("Report " + report.seq() + " (" + report.kind() + ") was submitted on "
                + report.submission().map(s -> s.submittedAt().toString()).orElse("?")
                + " and is frozen; a later change is a supplement (追完)", null, false, false);
        this.report = report;
    }

    public int seq() {
        return report.seq();
    }
}
