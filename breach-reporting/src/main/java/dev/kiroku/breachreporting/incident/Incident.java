package dev.kiroku.breachreporting.incident;

import dev.kiroku.breachreporting.incident.rules.Assessment;
import dev.kiroku.breachreporting.incident.rules.AssessmentFacts;
import dev.kiroku.breachreporting.incident.rules.Deadline;
import dev.kiroku.breachreporting.incident.rules.DeadlineCalculator;
import dev.kiroku.breachreporting.incident.rules.DeadlineKind;
import dev.kiroku.breachreporting.incident.rules.Filing;
import dev.kiroku.breachreporting.incident.rules.Rule7;
import dev.kiroku.platform.web.TimeOrderedIds;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A breach incident (APPI Art. 26). Its legal anchor is {@code awarenessAt}, kept apart from {@code detectedAt}; it
 * moves only through the transition table of {@link IncidentAction}, every move recorded with actor, time, reason and a
 * snapshot, and every first filing freezing its lateness.
 */
@Entity
@Table(name = "incident")
public class Incident {

    /** Clock skew tolerated for "when did it happen" instants given by a client. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(2);

    @Id
    private UUID id;

    private String title;

    @Enumerated(EnumType.STRING)
    private IncidentStatus status;

    @Enumerated(EnumType.STRING)
    private ReportingRole role;

    @Column(name = "principal_name")
    private String principalName;

    @Column(name = "detected_at")
    private Instant detectedAt;

    @Column(name = "awareness_at")
    private Instant awarenessAt;

    @Column(name = "awareness_justification")
    private String awarenessJustification;

    @Column(name = "detecting_department")
    private String detectingDepartment;

    @Column(name = "eu_residents")
    private boolean euResidents;

    @JdbcTypeCode(SqlTypes.JSON)
    private Assessment assessment;

    @Column(name = "assessed_at")
    private Instant assessedAt;

    @Column(name = "assessed_by")
    private String assessedBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "individual_notice")
    private IndividualNotice individualNotice;

    @Column(name = "not_reportable_rationale")
    private String notReportableRationale;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "incident", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    @OrderBy("seq")
    private List<IncidentTransition> transitions = new ArrayList<>();

    @OneToMany(mappedBy = "incident", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    private Set<IncidentFiling> filings = new HashSet<>();

    protected Incident() {
    }

    /** Records a new incident, refusing what the law does not allow as given. */
    public static Incident record(IncidentDraft draft, String actor, Instant now) {
        List<IncidentRefusal.Reason> refusals = new ArrayList<>();
        Instant detected = draft.detectedAt().toInstant();
        Instant awareness = draft.awarenessAt().toInstant();
        if (awareness.isAfter(now.plus(FUTURE_TOLERANCE))) {
            refusals.add(new IncidentRefusal.Reason("awarenessAt", "must not be in the future", "APPI Rule 8(1),(2)"));
        }
        if (detected.isAfter(now.plus(FUTURE_TOLERANCE))) {
            refusals.add(new IncidentRefusal.Reason("detectedAt", "must not be in the future", "APPI Rule 8(1),(2)"));
        }
        if (!awareness.equals(detected) && isBlank(draft.awarenessJustification())) {
            refusals.add(new IncidentRefusal.Reason("awarenessJustification", "awareness (" + awareness
                    + ") differs from detection (" + detected + "): write down why, because every deadline runs "
                    + "from awareness", "APPI Rule 8(1),(2): from the day the business came to know (知った日)"));
        }
        if (draft.role() == ReportingRole.ENTRUSTED && isBlank(draft.principalName())) {
            refusals.add(new IncidentRefusal.Reason("principalName", "an entrusted party names its principal "
                    + "(委託元)", "APPI Rule 9" /* verification [M]: docs/law.md */));
        }
        if (draft.role() == ReportingRole.CONTROLLER && !isBlank(draft.principalName())) {
            refusals.add(new IncidentRefusal.Reason("principalName", "only an entrusted party has a principal",
                    "APPI Rule 9" /* verification [M]: docs/law.md */));
        }
        if (!refusals.isEmpty()) {
            throw new IncidentRefusal("The incident cannot be recorded as given", refusals);
        }
        Incident incident = new Incident();
        incident.id = TimeOrderedIds.next();
        incident.title = draft.title();
        incident.status = IncidentStatus.DETECTED;
        incident.role = draft.role();
        incident.principalName = isBlank(draft.principalName()) ? null : draft.principalName();
        incident.detectedAt = detected;
        incident.awarenessAt = awareness;
        incident.awarenessJustification = isBlank(draft.awarenessJustification()) ? null
                : draft.awarenessJustification();
        incident.detectingDepartment = draft.detectingDepartment();
        incident.euResidents = draft.euResidents();
        incident.createdAt = now;
        incident.createdBy = actor;
        incident.updatedAt = now;
        return incident;
    }

    /**
     * Assesses (from DETECTED) or re-assesses the incident under Rule 7. Once reporting has started a re-assessment
     * may only upgrade: keep every category and stay reportable (adding (iii) moves the final deadline to 60 days;
     * filings already made keep their frozen lateness).
     */
    public IncidentTransition assess(AssessmentFacts facts, String reason, String actor, Instant now,
            DeadlineCalculator calculator) {
        IncidentAction action = status == IncidentStatus.DETECTED ? IncidentAction.ASSESS : IncidentAction.REASSESS;
        IncidentStatus to = action.target(status).orElseThrow(() -> new IllegalIncidentTransition(action, status,
                "the incident is " + status + ": it can no longer be assessed"
                        + (status == IncidentStatus.CLOSED_INTERNAL ? " (reopen it first)" : "")));
        Assessment next = Rule7.assess(facts, DeadlineCalculator.legalDate(awarenessAt));
        if (IncidentStatus.REPORTING.contains(status) && !assessment.isUpgradedBy(next)) {
            throw new IncidentRefusal("Once reporting has started a re-assessment may only upgrade", "categories",
                    "the re-assessment finds " + next.categories() + " where " + assessment.categories()
                            + " were reported; a report once due is not withdrawn by re-assessment",
                    "APPI Art. 26(1); Rule 7; Rule 8(2)"); // verification [M]: docs/law.md
        }
        assessment = next;
        assessedAt = now;
        assessedBy = actor;
        return move(action, to, actor, now, now, reason, calculator);
    }

    /** Applies an action of the transition table, checking its guards. */
    public IncidentTransition apply(IncidentAction action, String reason, Instant occurredAt, String actor,
            Instant now, DeadlineCalculator calculator) {
        if (action == IncidentAction.ASSESS || action == IncidentAction.REASSESS) {
            throw new IncidentRefusal("An assessment needs its facts", "action",
                    "assess through the incident's assessments, with the facts", action.article());
        }
        IncidentStatus to = action.target(status).orElseThrow(() -> new IllegalIncidentTransition(action, status));
        List<IncidentRefusal.Reason> refusals = new ArrayList<>();
        if (action.reasonRequired() && isBlank(reason)) {
            refusals.add(new IncidentRefusal.Reason("reason", "'" + action.wireName() + "' needs a written reason",
                    action.article()));
        }
        Instant when = occurredAt != null ? occurredAt : now;
        if (when.isAfter(now.plus(FUTURE_TOLERANCE))) {
            refusals.add(new IncidentRefusal.Reason("occurredAt", "must not be in the future", action.article()));
        }
        if (when.isBefore(awarenessAt)) {
            refusals.add(new IncidentRefusal.Reason("occurredAt", "must not be before awareness (" + awarenessAt + ")",
                    action.article()));
        }
        switch (action) {
            case NOTIFY_PRINCIPAL -> {
                if (role != ReportingRole.ENTRUSTED) {
                    refusals.add(new IncidentRefusal.Reason("role", "only an entrusted party is released by "
                            + "notifying a principal; this business handles the data for itself", action.article()));
                }
            }
            case DECIDE_NOT_REPORTABLE -> {
                if (assessment.reportable()) {
                    refusals.add(new IncidentRefusal.Reason("assessment", "the assessment finds categories "
                            + assessment.categories().stream().map(c -> c.number() + " " + c.article()).toList()
                            + ": a reportable event cannot be decided not reportable; re-assess with the facts "
                            + "first", "APPI Art. 26(1); Rule 7"));
                }
            }
            case START_REPORTING -> {
                if (!assessment.reportable()) {
                    refusals.add(new IncidentRefusal.Reason("assessment", "the assessment finds no Rule 7 category",
                            "APPI Art. 26(1); Rule 7"));
                }
            }
            case NOTIFY_INDIVIDUALS, PUBLISH_ALTERNATIVE_MEASURE -> {
                if (to == status && individualNotice != IndividualNotice.DEFERRED) {
                    throw new IllegalIncidentTransition(action, status, "notice to persons is already recorded as "
                            + individualNotice);
                }
            }
            case CLOSE -> {
                if (individualNotice == IndividualNotice.DEFERRED) {
                    refusals.add(new IncidentRefusal.Reason("individualNotice", "notice to the affected persons is "
                            + "still deferred: notify them or take the alternative measure before closing",
                            "APPI Art. 26(2); Rule 10"));
                }
            }
            case NOTIFY_EU_AUTHORITY -> {
                if (!euResidents) {
                    refusals.add(new IncidentRefusal.Reason("euResidents", "the incident is not flagged as touching "
                            + "EU residents", action.article()));
                }
                if (filing(DeadlineKind.GDPR_SUPERVISORY).isPresent()) {
                    throw new IllegalIncidentTransition(action, status, "the EU supervisory authority was already "
                            + "notified; further information goes in phases outside this record");
                }
            }
            default -> { }
        }
        if (!refusals.isEmpty()) {
            throw new IncidentRefusal("'" + action.wireName() + "' is not allowed as requested", refusals);
        }
        switch (action) {
            case SUBMIT_PRELIMINARY -> freeze(DeadlineKind.PRELIMINARY, when, actor, calculator);
            case SUBMIT_FINAL -> freeze(DeadlineKind.FINAL, when, actor, calculator);
            case NOTIFY_EU_AUTHORITY -> freeze(DeadlineKind.GDPR_SUPERVISORY, when, actor, calculator);
            case NOTIFY_INDIVIDUALS -> individualNotice = IndividualNotice.NOTIFIED;
            case PUBLISH_ALTERNATIVE_MEASURE -> individualNotice = IndividualNotice.ALTERNATIVE_MEASURE;
            case DEFER_INDIVIDUAL_NOTICE -> individualNotice = IndividualNotice.DEFERRED;
            case DECIDE_NOT_REPORTABLE -> notReportableRationale = reason;
            case REOPEN -> notReportableRationale = null;
            default -> { }
        }
        return move(action, to, actor, now, when, reason, calculator);
    }

    /**
     * The deadlines the incident owes under its current assessment: none under the APPI once an entrusted party has
     * notified its principal (Rule 9) or a not-reportable decision closed it; GDPR Art. 33 whenever EU residents are
     * flagged.
     */
    public List<Deadline> deadlines(DeadlineCalculator calculator) {
        List<Deadline> all = calculator.deadlines(awarenessAt, assessment, euResidents);
        if (status == IncidentStatus.PRINCIPAL_NOTIFIED || status == IncidentStatus.CLOSED_INTERNAL) {
            return all.stream().filter(d -> d.kind() == DeadlineKind.GDPR_SUPERVISORY).toList();
        }
        return all;
    }

    /** The deadlines not yet met by a filing; none once the incident is closed after its final report. */
    public List<Deadline> openDeadlines(DeadlineCalculator calculator) {
        if (status == IncidentStatus.CLOSED) {
            return List.of();
        }
        return deadlines(calculator).stream().filter(d -> filing(d.kind()).isEmpty()).toList();
    }

    public Optional<Filing> filing(DeadlineKind kind) {
        return filings.stream().filter(f -> f.kind() == kind).findFirst().map(IncidentFiling::filing);
    }

    public List<Filing> filings() {
        // filed at the same instant (a form's time to the second): in the order of the law's reports
        return filings.stream().map(IncidentFiling::filing)
                .sorted(java.util.Comparator.comparing(Filing::filedAt).thenComparing(Filing::kind)).toList();
    }

    private void freeze(DeadlineKind kind, Instant filedAt, String actor, DeadlineCalculator calculator) {
        if (filing(kind).isPresent()) {
            return;
        }
        Deadline deadline = calculator.deadlines(awarenessAt, assessment, euResidents).stream()
                .filter(d -> d.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind + " deadline to file against"));
        filings.add(new IncidentFiling(TimeOrderedIds.next(), this, Filing.freeze(deadline, filedAt,
                DeadlineCalculator.LEGAL_ZONE), actor));
    }

    private IncidentTransition move(IncidentAction action, IncidentStatus to, String actor, Instant now,
            Instant occurredAt, String reason, DeadlineCalculator calculator) {
        IncidentStatus from = status;
        status = to;
        updatedAt = now;
        IncidentTransition transition = new IncidentTransition(TimeOrderedIds.next(), this, transitions.size() + 1,
                action, from, to, actor, now, occurredAt, isBlank(reason) ? null : reason, snapshot(calculator));
        transitions.add(transition);
        return transition;
    }

    /** The incident's state as a plain map (strings, numbers, booleans, lists, maps): what a transition records. */
    public Map<String, Object> snapshot(DeadlineCalculator calculator) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", status.name());
        s.put("role", role.name());
        if (principalName != null) {
            s.put("principalName", principalName);
        }
        s.put("detectedAt", detectedAt.toString());
        s.put("awarenessAt", awarenessAt.toString());
        s.put("euResidents", euResidents);
        if (assessment != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("reportable", assessment.reportable());
            a.put("categories", assessment.categories().stream().map(Enum::name).toList());
            a.put("reasons", assessment.reasons().stream().map(Assessment.Reason::code).toList());
            if (assessment.finalReportDays() != null) {
                a.put("finalReportDays", assessment.finalReportDays());
            }
            a.put("affectedPersons", assessment.facts().affectedPersons());
            a.put("occurrence", assessment.facts().occurrence().name());
            a.put("highLevelEncryption", assessment.facts().highLevelEncryption());
            s.put("assessment", a);
        }
        if (individualNotice != null) {
            s.put("individualNotice", individualNotice.name());
        }
        List<Map<String, Object>> deadlines = new ArrayList<>();
        for (Deadline d : deadlines(calculator)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", d.kind().name());
            m.put("due", d.dueDate() != null ? d.dueDate().toString() : d.dueAt().toString());
            m.put("rule", d.rule());
            deadlines.add(m);
        }
        s.put("deadlines", deadlines);
        List<Map<String, Object>> filed = new ArrayList<>();
        for (Filing f : filings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", f.kind().name());
            m.put("filedAt", f.filedAt().toString());
            m.put("late", f.late());
            m.put("daysLate", f.daysLate());
            m.put("hoursLate", f.hoursLate());
            m.put("rule", f.rule());
            filed.add(m);
        }
        s.put("filings", filed);
        return s;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    public UUID id() {
        return id;
    }

    public String title() {
        return title;
    }

    public IncidentStatus status() {
        return status;
    }

    public ReportingRole role() {
        return role;
    }

    public Optional<String> principalName() {
        return Optional.ofNullable(principalName);
    }

    public Instant detectedAt() {
        return detectedAt;
    }

    public Instant awarenessAt() {
        return awarenessAt;
    }

    public Optional<String> awarenessJustification() {
        return Optional.ofNullable(awarenessJustification);
    }

    public String detectingDepartment() {
        return detectingDepartment;
    }

    public boolean euResidents() {
        return euResidents;
    }

    public Optional<Assessment> assessment() {
        return Optional.ofNullable(assessment);
    }

    public Optional<Instant> assessedAt() {
        return Optional.ofNullable(assessedAt);
    }

    public Optional<String> assessedBy() {
        return Optional.ofNullable(assessedBy);
    }

    public Optional<IndividualNotice> individualNotice() {
        return Optional.ofNullable(individualNotice);
    }

    public Optional<String> notReportableRationale() {
        return Optional.ofNullable(notReportableRationale);
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

    public long version() {
        return version;
    }

    public List<IncidentTransition> transitions() {
        return List.copyOf(transitions);
    }
}
