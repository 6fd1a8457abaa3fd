package dev.kiroku.breachreporting.incident.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.breachreporting.incident.Incident;
import dev.kiroku.breachreporting.incident.IncidentAction;
import dev.kiroku.breachreporting.incident.IncidentDraft;
import dev.kiroku.breachreporting.incident.IncidentRefusal;
import dev.kiroku.breachreporting.incident.IncidentStatus;
import dev.kiroku.breachreporting.incident.IncidentTransition;
import dev.kiroku.breachreporting.incident.ReportingRole;
import dev.kiroku.breachreporting.incident.repository.IncidentRepository;
import dev.kiroku.breachreporting.incident.rules.Assessment;
import dev.kiroku.breachreporting.incident.rules.AssessmentFacts;
import dev.kiroku.breachreporting.incident.rules.Rule7;
import dev.kiroku.breachreporting.incident.rules.Rule7Category;
import dev.kiroku.breachreporting.incident.rules.Deadline;
import dev.kiroku.breachreporting.incident.rules.DeadlineCalculation;
import dev.kiroku.breachreporting.incident.rules.DeadlineCalculator;
import dev.kiroku.breachreporting.incident.rules.JapaneseAdministrativeCalendar;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import dev.kiroku.platform.persistence.IdempotencyStore;
import dev.kiroku.platform.web.Digests;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Incidents: recording, assessment under Rule 7, the transition table, and the deadlines query. Every change is
 * appended to the audit chain in the same transaction (the title enters the chain only as its SHA-256).
 */
@ApplicationScoped
@Transactional
public class IncidentService {

    static final String AGGREGATE = "incident";
    private static final Logger LOG = Logger.getLogger(IncidentService.class);
    public static final URI GOVERNED_DECISION = ProblemType.of("governed-breach-decision");
    /** Filing actions are taken by submitting a report, never directly. */
    public static final Set<IncidentAction> FILINGS = EnumSet.of(IncidentAction.SUBMIT_PRELIMINARY,
            IncidentAction.SUBMIT_FINAL, IncidentAction.SUPPLEMENT);

    private final IncidentRepository incidents;
    private final IdempotencyStore idempotency;
    private final AuditChain audit;
    private final DeadlineCalculator calculator;
    private final ObjectMapper json;
    private final AffectedPersonCounts affectedPersons;
    private final Clock clock;

    public IncidentService(IncidentRepository incidents, IdempotencyStore idempotency, AuditChain audit,
            DeadlineCalculator calculator, ObjectMapper json, AffectedPersonCounts affectedPersons,
            Clock clock) {
        this.clock = clock;
        this.affectedPersons = affectedPersons;
        this.incidents = incidents;
        this.idempotency = idempotency;
        this.audit = audit;
        this.calculator = calculator;
        this.json = json;
    }

    /** A create's outcome: the incident, and whether this request created it or a retry found it. */
    public record Created(Incident incident, boolean replayed) {
    }

    /** One open deadline of one incident. */
    public record OpenDeadline(Incident incident, Deadline deadline) {
    }

    /**
     * Records a new incident. With an idempotency key, a retry of the same request answers the first incident again;
     * the same key with another request is refused and nothing is written.
     */
    public Created create(IncidentDraft draft, String idempotencyKey, String clientId, String actor) {
        var once = new IdempotencyStore.Request(clientId, "POST /api/v1/incidents",
                Idempotency.key(idempotencyKey, null), digest(draft));
        var outcome = idempotency.once(once, () -> recordNew(draft, actor), incident -> incident.id().toString(),
                id -> find(UUID.fromString(id)));
        return new Created(outcome.value(), outcome.replayed());
    }

    private Incident recordNew(IncidentDraft draft, String actor) {
        Instant now = clock.instant();
        Incident incident = Incident.record(draft, actor, now);
        requireCountable(incident);
        incidents.persist(incident);
        incidents.flush();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("titleSha256", Digests.sha256Hex(draft.title()));
        facts.put("role", incident.role().name());
        facts.put("detectedAt", incident.detectedAt().toString());
        facts.put("awarenessAt", incident.awarenessAt().toString());
        facts.put("awarenessDiffersFromDetection", incident.awarenessJustification().isPresent());
        facts.put("euResidents", incident.euResidents());
        audit.append(new AuditEvent("incident.created", AGGREGATE, incident.id().toString(), actor,
                incident.awarenessJustification().orElse(null), facts));
        return incident;
    }

    /**
     * Refuses, before anything is written, an incident whose deadlines the holiday calendar cannot count under any
     * assessment (awareness before its first year, or a due day after its projection ends): stored, it could never be
     * shown with its deadlines.
     */
    private void requireCountable(Incident incident) {
        boolean entrusted = incident.role() == ReportingRole.ENTRUSTED;
        try {
            DeadlineCalculation.of(calculator, incident.awarenessAt(), incident.detectedAt(), List.of(), entrusted,
                    incident.euResidents());
            DeadlineCalculation.of(calculator, incident.awarenessAt(), incident.detectedAt(),
                    EnumSet.allOf(Rule7Category.class), entrusted, incident.euResidents());
        } catch (JapaneseAdministrativeCalendar.OutsideCalendar e) {
            throw DeadlineCalculationService.outsideCalendar(calculator.calendar(), "awarenessAt");
        }
    }

    /**
     * Assesses or re-assesses the incident on the facts given, counting under Rule 7(iv) the larger of the persons
     * declared and the persons on record ({@link Rule7#knownPersons}): a declaration below the persons already
     * identified never lowers the count.
     */
    public IncidentTransition assess(UUID id, AssessmentFacts facts, String reason, String actor) {
        Incident incident = lock(id);
        long known = Rule7.knownPersons(facts.affectedPersons(), affectedPersons.countOf(id));
        AssessmentFacts counted = known == facts.affectedPersons() ? facts : facts.withAffectedPersons(known);
        IncidentTransition transition = incident.assess(counted, reason, actor, clock.instant(), calculator);
        record(incident, transition);
        return transition;
    }

    /** Applies an action; governed decisions only for a caller who may take them. */
    public IncidentTransition transition(UUID id, IncidentAction action, String reason, Instant occurredAt,
            String actor, boolean mayTakeGovernedDecisions) {
        Incident incident = lock(id);
        if (FILINGS.contains(action)) {
            throw new IncidentRefusal("'" + action.wireName() + "' is taken by submitting a report", "action",
                    "submit the incident's report (POST /api/v1/incidents/" + id + "/reports/{reportId}/submissions): "
                            + "the submission with its channel and receipt number is the filing", action.article());
        }
        if (action.governed() && !mayTakeGovernedDecisions) {
            throw new ProblemException(403, GOVERNED_DECISION, "Governed breach decision",
                    "'" + action.wireName() + "' is a governed decision: only a breach manager may take it");
        }
        IncidentTransition transition = incident.apply(action, reason, occurredAt, actor, clock.instant(), calculator);
        record(incident, transition);
        return transition;
    }

    /**
     * Files a report: the incident takes the report's filing action at the submission time (freezing the filing's
     * lateness for a preliminary or final report), recorded and appended to the audit chain like every transition.
     * Only the report service calls this, inside its submission.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public IncidentTransition file(Incident incident, IncidentAction action, String reason, Instant submittedAt,
            String actor) {
        if (!FILINGS.contains(action)) {
            throw new IllegalArgumentException(action + " is not a filing");
        }
        IncidentTransition transition = incident.apply(action, reason, submittedAt, actor, clock.instant(),
                calculator);
        record(incident, transition);
        return transition;
    }

    /** How many persons the incident has on record as affected (imported or derived). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long affectedPersons(UUID id) {
        return affectedPersons.countOf(id);
    }

    /** Persons on record per incident, for a page of incidents. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, Long> affectedPersons(List<UUID> ids) {
        return affectedPersons.countsOf(ids);
    }

    /**
     * Feeds the persons on record into the incident's assessment after an import or derivation (the locked incident,
     * in the caller's transaction): the known count becomes the larger of the declared count and the persons on
     * record; when that exceeds the declared count the incident is re-assessed through its own REASSESS transition
     * (actor and reason as given), which may add Rule 7(iv). An upgrade only: a smaller count on record changes
     * nothing. Answers what happened, in words for the job's record.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String feedPersonCount(Incident incident, long onRecord, String reason, String actor) {
        var current = incident.assessment();
        if (current.isEmpty()) {
            return onRecord + " persons on record; the incident is not assessed yet: its assessment will count them "
                    + "(APPI Rule 7(iv))";
        }
        Assessment assessment = current.get();
        long declared = assessment.facts().affectedPersons();
        long known = Rule7.knownPersons(declared, onRecord);
        if (known == declared) {
            return onRecord + " persons on record; the assessed count of " + declared + " stands";
        }
        boolean crosses = !assessment.has(Rule7Category.OVER_THRESHOLD_PERSONS) && known > Rule7.PERSONS_THRESHOLD;
        if (IncidentAction.REASSESS.target(incident.status()).isEmpty()) {
            return onRecord + " persons on record exceed the assessed count of " + declared + ", but the incident is "
                    + incident.status() + " and cannot be re-assessed" + (crosses ? ": more than "
                    + Rule7.PERSONS_THRESHOLD + " persons is reportable under APPI Rule 7(iv)"
                    + (incident.status() == IncidentStatus.CLOSED_INTERNAL ? " — a breach manager should reopen it"
                    : "") : "");
        }
        IncidentTransition transition = incident.assess(assessment.facts().withAffectedPersons(known),
                reason + ": " + onRecord + " persons on record exceed the assessed count of " + declared
                        + (crosses ? "; more than " + Rule7.PERSONS_THRESHOLD + " persons: APPI Rule 7(iv)" : ""),
                actor, clock.instant(), calculator);
        record(incident, transition);
        return "re-assessed (transition " + transition.seq() + "): " + onRecord + " persons on record exceed the "
                + "assessed count of " + declared + (crosses ? "; reportable under APPI Rule 7(iv)" : "");
    }

    /**
     * The incident, its row locked until the transaction ends: actions, assessments, reports and campaigns on one
     * incident take their turn, each seeing the state the one before left.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Incident lock(UUID id) {
        return incidents.lock(id).orElseThrow(() -> ProblemException.notFound("There is no incident " + id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Incident find(UUID id) {
        return incidents.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("There is no incident " + id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Incident> list(UUID after, IncidentStatus status, int limit) {
        return incidents.listAfter(after, status, limit);
    }

    /** Every deadline not yet met by a filing, of every incident not closed, soonest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OpenDeadline> openDeadlines() {
        return board().open();
    }

    /**
     * The open deadlines whose legal due day falls on or before {@code until}, and the incidents not closed whose
     * deadlines cannot be counted (a row stored before awareness was checked against the holiday calendar): one
     * such incident never hides the others' deadlines.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DeadlineBoard board(LocalDate until) {
        DeadlineBoard all = board();
        return new DeadlineBoard(all.open().stream().filter(o -> !o.deadline().dueDay().isAfter(until)).toList(),
                all.uncounted());
    }

    /** Open deadlines, soonest first, and the incidents whose deadlines cannot be counted. */
    public record DeadlineBoard(List<OpenDeadline> open, List<Incident> uncounted) {
    }

    private DeadlineBoard board() {
        List<OpenDeadline> open = new ArrayList<>();
        List<Incident> uncounted = new ArrayList<>();
        for (Incident incident : incidents.listNotClosed()) {
            try {
                for (Deadline deadline : incident.openDeadlines(calculator)) {
                    open.add(new OpenDeadline(incident, deadline));
                }
            } catch (JapaneseAdministrativeCalendar.OutsideCalendar e) {
                LOG.warnf("Incident %s: its deadlines cannot be counted, its awareness is outside the holiday "
                        + "calendar; it is listed without them", incident.id());
                uncounted.add(incident);
            }
        }
        open.sort(Comparator.comparing((OpenDeadline o) -> o.deadline().dueDay()));
        return new DeadlineBoard(open, uncounted);
    }

    public DeadlineCalculator calculator() {
        return calculator;
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return DeadlineCalculator.legalDate(clock.instant());
    }

    private void record(Incident incident, IncidentTransition transition) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("seq", transition.seq());
        content.put("from", transition.fromStatus().name());
        content.put("to", transition.toStatus().name());
        content.put("occurredAt", transition.occurredAt().toString());
        content.put("snapshot", transition.snapshot());
        audit.append(new AuditEvent("incident." + transition.action(), AGGREGATE, incident.id().toString(),
                transition.actor(), transition.reason().orElse(null), content));
    }

    private String digest(IncidentDraft draft) {
        try {
            return Digests.sha256Hex(json.writeValueAsString(draft));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot digest an incident draft", e);
        }
    }

}
