package dev.kiroku.breachreporting.report.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.breachreporting.incident.Incident;
import dev.kiroku.breachreporting.incident.IncidentStatus;
import dev.kiroku.breachreporting.incident.IncidentTransition;
import dev.kiroku.breachreporting.incident.service.IncidentService;
import dev.kiroku.breachreporting.report.IncidentReport;
import dev.kiroku.breachreporting.report.ReportItems;
import dev.kiroku.breachreporting.report.ReportKind;
import dev.kiroku.breachreporting.report.Submission;
import dev.kiroku.breachreporting.report.repository.ReportRepository;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import dev.kiroku.platform.persistence.IdempotencyStore;
import dev.kiroku.platform.web.Digests;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reports to the PPC (APPI Rule 8): drafted and revised while reporting runs, submitted once. The submission is the
 * incident's filing: the incident takes the report's action at the submission time, which freezes the filing's lateness.
 * Every change is appended to the audit chain in the same transaction (the items enter it only as their SHA-256).
 */
@ApplicationScoped
@Transactional
public class ReportService {

    static final String AGGREGATE = "incident";
    public static final URI NOT_REPORTING = ProblemType.of("incident-not-reporting");
    public static final URI DRAFT_OPEN = ProblemType.of("report-draft-open");
    public static final URI ALREADY_FILED = ProblemType.of("report-already-filed");
    public static final URI REPORT_SUBMITTED = ProblemType.of("report-submitted");

    private final IncidentService incidents;
    private final ReportRepository reports;
    private final AuditChain audit;
    private final ObjectMapper json;
    private final IdempotencyStore idempotency;

    public ReportService(IncidentService incidents, ReportRepository reports, AuditChain audit, ObjectMapper json,
            IdempotencyStore idempotency) {
        this.idempotency = idempotency;
        this.incidents = incidents;
        this.reports = reports;
        this.audit = audit;
        this.json = json;
    }

    /** What an idempotency key's fingerprint covers. */
    record DraftRequest(ReportKind kind, ReportItems items) {
    }

    /** A create's outcome: the report, and whether this request created it or a retry found it. */
    public record Created(IncidentReport report, boolean replayed) {
    }

    /**
     * Drafts the next version of the incident's report. Reports are drafted once reporting has started, one draft at a
     * time; a preliminary and a final report are each filed once, supplements follow the final report.
     */
    public Created draft(UUID incidentId, ReportKind kind, ReportItems items, String idempotencyKey,
            String clientId, String actor) {
        var once = new IdempotencyStore.Request(clientId, "POST /api/v1/incidents/" + incidentId + "/reports",
                Idempotency.key(idempotencyKey, null),
                Digests.sha256Hex(fingerprint(new DraftRequest(kind, items))));
        var outcome = idempotency.once(once, () -> newDraft(incidentId, kind, items, actor),
                report -> report.id().toString(), id -> find(incidentId, UUID.fromString(id)));
        return new Created(outcome.value(), outcome.replayed());
    }

    private IncidentReport newDraft(UUID incidentId, ReportKind kind, ReportItems items, String actor) {
        Incident incident = incidents.lock(incidentId);
        if (!IncidentStatus.REPORTING.contains(incident.status())) {
            throw ProblemException.conflict(NOT_REPORTING, "Reporting has not started",
                    "The incident is " + incident.status() + ": reports are drafted once reporting has started "
                            + "(start-reporting) and until the incident is closed");
        }
        List<IncidentReport> existing = reports.ofIncident(incidentId);
        existing.stream().filter(r -> !r.submitted()).findFirst().ifPresent(open -> {
            throw ProblemException.conflict(DRAFT_OPEN, "A draft is open", "Report " + open.seq() + " ("
                    + open.kind() + ") is still a draft: revise or submit it first")
                    .with("reportId", open.id().toString());
        });
        boolean finalFiled = existing.stream().anyMatch(r -> r.submitted() && r.kind() == ReportKind.FINAL);
        if (kind != ReportKind.SUPPLEMENT && existing.stream().anyMatch(r -> r.submitted() && r.kind() == kind)) {
            throw ProblemException.conflict(ALREADY_FILED, "Already filed", "The " + kind.name().toLowerCase()
                    + " report (" + kind.japanese() + ") was already submitted; later facts go in a supplement (追完)"
                    + (finalFiled ? "" : " or the final report"));
        }
        if (kind == ReportKind.SUPPLEMENT && !finalFiled) {
            throw ProblemException.conflict(ALREADY_FILED, "No final report yet", "A supplement (追完) follows the "
                    + "final report (確報); before it, draft the final report with what is known");
        }
        IncidentReport report = IncidentReport.draft(incidentId, existing.size() + 1, kind, items, actor,
                incidents.now());
        reports.persist(report);
        reports.flush();
        audit.append(new AuditEvent("incident.report-drafted", AGGREGATE, incidentId.toString(), actor, null,
                content(report)));
        return report;
    }

    /** Replaces a draft's items; a submitted report is never changed (409). */
    public IncidentReport revise(UUID incidentId, UUID reportId, ReportItems items, String actor) {
        incidents.lock(incidentId);
        IncidentReport report = find(incidentId, reportId);
        report.revise(items, actor, incidents.now());
        reports.flush();
        audit.append(new AuditEvent("incident.report-revised", AGGREGATE, incidentId.toString(), actor, null,
                content(report)));
        return report;
    }

    /**
     * Submits a report: checks it is complete for its kind, has the incident take the report's filing action at the
     * submission time (an illegal transition is a 409, a submission time in the future or before awareness a 422),
     * and records the submission.
     */
    public IncidentReport submit(UUID incidentId, UUID reportId, Submission submission, String actor) {
        Incident incident = incidents.lock(incidentId);
        IncidentReport report = find(incidentId, reportId);
        report.checkSubmittable(submission);
        String reason = report.kind().japanese() + " (report " + report.seq() + ") submitted via "
                + submission.channel() + (submission.ministry() == null ? "" : " to " + submission.ministry())
                + (submission.receiptNumber() == null ? "" : ", receipt " + submission.receiptNumber());
        IncidentTransition transition = incidents.file(incident, report.kind().filing(), reason,
                submission.submittedAt(), actor);
        report.submit(submission, transition.seq(), actor, incidents.now());
        reports.flush();
        Map<String, Object> content = content(report);
        content.put("channel", submission.channel().name());
        if (submission.ministry() != null) {
            content.put("ministry", submission.ministry());
        }
        content.put("submittedAt", submission.submittedAt().toString());
        if (submission.receiptNumber() != null) {
            content.put("receiptNumber", submission.receiptNumber());
        }
        content.put("submittingBusiness", submission.submittingBusiness());
        content.put("transitionSeq", transition.seq());
        audit.append(new AuditEvent("incident.report-submitted", AGGREGATE, incidentId.toString(), actor,
                submission.note(), content));
        return report;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<IncidentReport> list(UUID incidentId) {
        incidents.find(incidentId);
        return reports.ofIncident(incidentId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public IncidentReport find(UUID incidentId, UUID reportId) {
        incidents.find(incidentId);
        return reports.ofIncident(incidentId, reportId).orElseThrow(() -> ProblemException.notFound(
                "Incident " + incidentId + " has no report " + reportId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Incident incident(UUID incidentId) {
        return incidents.find(incidentId);
    }

    private Map<String, Object> content(IncidentReport report) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("reportId", report.id().toString());
        content.put("seq", report.seq());
        content.put("kind", report.kind().name());
        content.put("itemsKnown", List.copyOf(report.items().known().keySet()));
        content.put("itemsSha256", Digests.sha256Hex(fingerprint(report.items())));
        return content;
    }

    private String fingerprint(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot digest a report", e);
        }
    }

}
