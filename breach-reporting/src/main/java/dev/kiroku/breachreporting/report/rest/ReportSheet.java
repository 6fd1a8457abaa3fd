package dev.kiroku.breachreporting.report.rest;

import dev.kiroku.breachreporting.incident.Incident;
import dev.kiroku.breachreporting.incident.rules.Assessment;
import dev.kiroku.breachreporting.incident.rules.Rule7Category;
import dev.kiroku.breachreporting.config.BreachReportingConfig;
import dev.kiroku.breachreporting.report.IncidentReport;
import dev.kiroku.breachreporting.report.ReportItems;
import dev.kiroku.breachreporting.report.ReportKind;
import dev.kiroku.breachreporting.report.Submission;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the printed report (別記様式第一) shows: the report with its kind and items, the business that reports, the
 * incident's key dates and Rule 7 categories, and the submission record once submitted ({@code null} for a draft).
 */
record ReportSheet(UUID reportId, int seq, ReportKind kind, Reporter reporter, String incidentTitle,
                   Instant detectedAt, Instant awarenessAt, List<Rule7Category> categories, ReportItems items,
                   Submission submission) {

    /** The business that reports (報告者). */
    record Reporter(String name, String corporateNumber, String address, String representative, String contact) {

        static Reporter of(BreachReportingConfig.Business business) {
            return new Reporter(business.name(), business.corporateNumber().orElse(null), business.address(),
                    business.representative(), business.contact());
        }
    }

    ReportSheet {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    static ReportSheet of(IncidentReport report, Incident incident, BreachReportingConfig.Business business) {
        return new ReportSheet(report.id(), report.seq(), report.kind(), Reporter.of(business), incident.title(),
                incident.detectedAt(), incident.awarenessAt(),
                incident.assessment().map(Assessment::categories).orElse(List.of()), report.items(),
                report.submission().orElse(null));
    }

    boolean draft() {
        return submission == null;
    }
}
