package dev.kiroku.breachreporting.report;

import dev.kiroku.breachreporting.incident.IncidentRefusal;
import dev.kiroku.platform.web.TimeOrderedIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One version of an incident's report to the PPC: a draft until it is submitted, then frozen (the database refuses to
 * change a submitted report). Submitting it is the incident's filing.
 */
@Entity
@Table(name = "incident_report")
public class IncidentReport {

    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(2);

    @Id
    private UUID id;

    @Column(name = "incident_id")
    private UUID incidentId;

    private int seq;

    @Enumerated(EnumType.STRING)
    private ReportKind kind;

    @JdbcTypeCode(SqlTypes.JSON)
    private ReportItems items;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;


    @Enumerated(EnumType.STRING)
    private SubmissionChannel channel;

    private String ministry;

    @Column(name = "submitted_at")
    private Instant submittedAt;

    @Column(name = "receipt_number")
    private String receiptNumber;

    @Column(name = "submitting_business")
    private String submittingBusiness;

    @Column(name = "submission_note")
    private String submissionNote;

    @Column(name = "submission_recorded_by")
    private String submissionRecordedBy;

    @Column(name = "submission_recorded_at")
    private Instant submissionRecordedAt;

    @Column(name = "transition_seq")
    private Integer transitionSeq;

    @Version
    private long version;

    protected IncidentReport() {
    }

    /** A new draft, its items checked for consistency (completeness is checked when it is submitted). */
    public static IncidentReport draft(UUID incidentId, int seq, ReportKind kind, ReportItems items,
            String actor, Instant now) {
        check(items, now);
        IncidentReport report = new IncidentReport();
        report.id = TimeOrderedIds.next();
        report.incidentId = incidentId;
        report.seq = seq;
        report.kind = kind;
        report.items = items;
        report.createdAt = now;
        report.createdBy = actor;
        report.updatedAt = now;
        report.updatedBy = actor;
        return report;
    }

    /** Replaces the draft's items; a submitted report is never changed. */
    public void revise(ReportItems revised, String actor, Instant now) {
        requireDraft();
        check(revised, now);
        items = revised;
        updatedAt = now;
        updatedBy = actor;
    }

    /**
     * Refuses a submission the law does not allow as given: a preliminary report states at least the overview, a final
     * report all nine items of Rule 8(1), a supplement at least one item.
     */
    public void checkSubmittable(Submission submission) {
        requireDraft();
        List<IncidentRefusal.Reason> refusals = new ArrayList<>();
        switch (kind) {
            case PRELIMINARY -> {
                if (items.overview() == null) {
                    refusals.add(new IncidentRefusal.Reason("items.overview", "a preliminary report states at least "
                            + "the overview (概要); the other items as far as known", kind.article()));
                }
            }
            case FINAL -> items.missing().forEach(item -> refusals.add(new IncidentRefusal.Reason(
                    "items." + item.field(), "a final report (確報) states all nine items; item (" + item.number()
                    + ") " + item.heading() + " is missing (what is still unknown after reasonable effort is "
                    + "stated as such and supplemented later)", kind.article())));
            case SUPPLEMENT -> {
                if (items.known().isEmpty()) {
                    refusals.add(new IncidentRefusal.Reason("items", "a supplement (追完) states at least one item",
                            kind.article()));
                }
            }
        }
        if (submission.channel() == SubmissionChannel.DELEGATED_MINISTRY && isBlank(submission.ministry())) {
            refusals.add(new IncidentRefusal.Reason("ministry", "a report to a delegated ministry names the ministry",
                    "APPI Act Art. 150; Rule 8(3)"));
        }
        if (submission.channel() == SubmissionChannel.PPC_WEB_FORM && !isBlank(submission.ministry())) {
            refusals.add(new IncidentRefusal.Reason("ministry", "only a report to a delegated ministry names one",
                    "APPI Rule 8(3)"));
        }
        if (submission.channel() == SubmissionChannel.PPC_WEB_FORM && isBlank(submission.receiptNumber())) {
            refusals.add(new IncidentRefusal.Reason("receiptNumber", "the PPC's online system gives a receipt number "
                    + "(受付番号): record it", "APPI Rule 8(3)"));
        }
        if (!refusals.isEmpty()) {
            throw new IncidentRefusal("The " + kind.name().toLowerCase() + " report cannot be submitted as given",
                    refusals);
        }
    }

    /** Records the submission; from now on the report is evidence. */
    public void submit(Submission submission, int transitionSeq, String actor, Instant now) {
        checkSubmittable(submission);
        channel = submission.channel();
        ministry = isBlank(submission.ministry()) ? null : submission.ministry();
        submittedAt = submission.submittedAt();
        receiptNumber = isBlank(submission.receiptNumber()) ? null : submission.receiptNumber();
        submittingBusiness = submission.submittingBusiness();
        submissionNote = isBlank(submission.note()) ? null : submission.note();
        submissionRecordedBy = actor;
        submissionRecordedAt = now;
        this.transitionSeq = transitionSeq;
    }

    private void requireDraft() {
        if (submittedAt != null) {
            throw new ReportAlreadySubmitted(this);
        }
    }

    private static void check(ReportItems items, Instant now) {
        List<IncidentRefusal.Reason> refusals = new ArrayList<>();
        for (Map.Entry<String, ReportItems.Known> e : items.known().entrySet()) {
            if (e.getValue().knownAsOf().isAfter(now.plus(FUTURE_TOLERANCE))) {
                refusals.add(new IncidentRefusal.Reason("items." + e.getKey() + ".knownAsOf",
                        "must not be in the future", "APPI Rule 8(1)"));
            }
        }
        if (items.secondaryDamage() != null && items.secondaryDamage().present()
                && isBlank(items.secondaryDamage().details())) {
            refusals.add(new IncidentRefusal.Reason("items.secondaryDamage.details", "secondary damage or its risk "
                    + "is present: state its content (内容)", "APPI Rule 8(1)(v)"));
        }
        if (items.publication() != null && items.publication().published()
                && items.publication().publishedAt() == null) {
            refusals.add(new IncidentRefusal.Reason("items.publication.publishedAt", "the incident was announced: "
                    + "state when", "APPI Rule 8(1)(vii)"));
        }
        if (items.publication() != null && !items.publication().published()
                && items.publication().publishedAt() != null) {
            refusals.add(new IncidentRefusal.Reason("items.publication.publishedAt", "an announcement time for an "
                    + "incident not announced", "APPI Rule 8(1)(vii)"));
        }
        if (!refusals.isEmpty()) {
            throw new IncidentRefusal("The report's items are not consistent", refusals);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public int seq() {
        return seq;
    }

    public ReportKind kind() {
        return kind;
    }

    public ReportItems items() {
        return items;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }


    public boolean submitted() {
        return submittedAt != null;
    }

    /** The submission record, once submitted. */
    public Optional<Submission> submission() {
        return submittedAt == null ? Optional.empty() : Optional.of(new Submission(channel, ministry, submittedAt,
                receiptNumber, submittingBusiness, submissionNote));
    }

    public Optional<String> submissionRecordedBy() {
        return Optional.ofNullable(submissionRecordedBy);
    }

    public Optional<Instant> submissionRecordedAt() {
        return Optional.ofNullable(submissionRecordedAt);
    }

    public Optional<Integer> transitionSeq() {
        return Optional.ofNullable(transitionSeq);
    }
}
