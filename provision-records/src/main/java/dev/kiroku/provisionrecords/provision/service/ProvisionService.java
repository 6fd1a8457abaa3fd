package dev.kiroku.provisionrecords.provision.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import dev.kiroku.platform.persistence.IdempotencyStore;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.TimeOrderedIds;
import dev.kiroku.provisionrecords.common.Caller;
import dev.kiroku.provisionrecords.common.NotFound;
import dev.kiroku.provisionrecords.common.RecordStoreException;
import dev.kiroku.provisionrecords.common.SubjectVault;
import dev.kiroku.provisionrecords.config.ProvisionRecordsConfig;
import dev.kiroku.provisionrecords.optout.OptOutStop;
import dev.kiroku.provisionrecords.optout.StoppedByOptOutRequest;
import dev.kiroku.provisionrecords.optout.service.OptOutStopService;
import dev.kiroku.provisionrecords.provision.BatchEvent;
import dev.kiroku.provisionrecords.provision.BatchTooLarge;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.EventOutcome.Accepted;
import dev.kiroku.provisionrecords.provision.EventOutcome.Duplicate;
import dev.kiroku.provisionrecords.provision.EventOutcome.Rejected;
import dev.kiroku.provisionrecords.provision.EventOutcome;
import dev.kiroku.provisionrecords.provision.EventRefusal;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.NotCurrentVersion;
import dev.kiroku.provisionrecords.provision.ProvisionEvent;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.ProvisionRefusal;
import dev.kiroku.provisionrecords.provision.SearchCriteria;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository.NewRecord;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository;
import dev.kiroku.provisionrecords.provision.rules.Assessment;
import dev.kiroku.provisionrecords.provision.rules.Facts;
import dev.kiroku.provisionrecords.provision.rules.ProvisionRules;
import dev.kiroku.provisionrecords.provision.rules.RuleViolation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidatorFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Records provisions and receipts: single and batch ingest (idempotent per client), corrections as new versions,
 * reads and search. Create, correct and batch share one pipeline (duplicates, the law, opt-out stops, one COPY, the
 * audit chain); every write appends to the audit chain in the same transaction; subjects enter the chain only as
 * salted commitments.
 */
@ApplicationScoped
public class ProvisionService {

    private static final String AGGREGATE = "provision-record";

    private final ProvisionRecordRepository records;
    private final OptOutStopService stops;
    private final AuditChain audit;
    private final SubjectVault vault;
    private final ObjectMapper json;
    private final Validator validator;
    private final ProvisionRecordsConfig config;
    private final Clock clock;
    private final IdempotencyStore idempotency;
    private final ProvisionMetrics metrics;

    ProvisionService(ProvisionRecordRepository records, OptOutStopService stops, AuditChain audit, SubjectVault vault,
            ObjectMapper json, ValidatorFactory validators, ProvisionRecordsConfig config, Clock clock,
            IdempotencyStore idempotency, ProvisionMetrics metrics) {
        this.metrics = metrics;
        this.clock = clock;
        this.idempotency = idempotency;
        this.records = records;
        this.stops = stops;
        this.audit = audit;
        this.vault = vault;
        this.json = json;
        // Events are plain records, never JPA entities: skip the JPA reachability checks Hibernate Validator would
        // otherwise make for every property of every event of a batch.
        this.validator = validators.unwrap(HibernateValidatorFactory.class).usingContext()
                .traversableResolver(new AlwaysReachable()).enableTraversableResolverResultCache(false).getValidator();
        this.config = config;
    }

    /** Every property is reachable and cascadable: the events validated here are records, not entities. */
    private static final class AlwaysReachable implements TraversableResolver {
        @Override
        public boolean isReachable(Object bean, Path.Node node, Class<?> rootType, Path path,
                java.lang.annotation.ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node node, Class<?> rootType, Path path,
                java.lang.annotation.ElementType type) {
            return true;
        }
    }

    /** The answer to a create: the record, and whether it repeats the first answer of a retried request. */
    public record Created(ProvisionRecord record, boolean replayed) {
    }

    /** A correction: the full corrected event and why. */
    public record Correction(String reason, ProvisionEvent record) {
    }

    // ---- the three ways in ---------------------------------------------------------------------------------------

    /** Records one event. A retry with the same key answers the first record again. */
    public Created create(ProvisionEvent event, String headerKey, Caller caller) {
        String key = Idempotency.key(headerKey, event.clientEventId());
        ProvisionEvent keyed = withKey(event, key);
        RecordContent.Digest digest = RecordContent.digest(json, keyed);
        Candidate candidate = new Candidate(0, keyed, digest.eventSha256(), digest.fingerprint(), () -> Lineage.NEW);
        return single(candidate, Entry.RECORDED, caller, "POST /api/v1/provisions", () -> null);
    }

    /** Records a corrected version of the current version {@code id}; the corrected one stays readable. */
    public Created correct(UUID id, Correction correction, String headerKey, Caller caller) {
        String key = Idempotency.key(headerKey, correction.record().clientEventId());
        ProvisionEvent keyed = withKey(correction.record(), key);
        String fingerprint = Idempotency.fingerprint(json, Map.of("corrects", id.toString(), "reason",
                correction.reason(), "record", keyed));
        Candidate candidate = new Candidate(0, keyed, RecordContent.digest(json, keyed).eventSha256(), fingerprint,
                () -> lineageOf(id, correction.reason()));
        return single(candidate, Entry.CORRECTED, caller, "POST /api/v1/provisions/" + id + "/corrections",
                NotCurrentVersion::raced);
    }

    /**
     * Records a batch: each event is checked on its own (shape, key, the law, opt-out stops) and answered accepted,
     * duplicate or rejected; the accepted ones are written in one transaction with one audit entry, so an event is
     * either fully recorded or not at all. A batch that races another with the same keys is re-run once, the
     * other's records then answering as duplicates.
     */
    public List<EventOutcome> batch(List<BatchEvent> events, Caller caller) {
        if (events.size() > config.ingest().maxBatch()) {
            throw new BatchTooLarge(config.ingest().maxBatch());
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> batchOnce(events, caller));
        } catch (RecordStoreException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            return QuarkusTransaction.requiringNew().call(() -> batchOnce(events, caller));
        }
    }

    private List<EventOutcome> batchOnce(List<BatchEvent> events, Caller caller) {
        EventOutcome[] outcomes = new EventOutcome[events.size()];
        // the per-event CPU work (validation, serialisation, hashing) runs on every core; the rest is cheap
        List<Candidate> candidates = new ArrayList<>(events.size());
        for (Shaped shaped : IntStream.range(0, events.size()).parallel().mapToObj(i -> shape(i, events.get(i)))
                .toList()) {
            if (shaped instanceof Candidate candidate) {
                candidates.add(candidate);
            } else {
                Rejected rejected = ((Refused) shaped).outcome();
                outcomes[rejected.index()] = rejected;
            }
        }
        return ingest(candidates, outcomes, Entry.BATCH, caller);
    }

    // ---- the pipeline --------------------------------------------------------------------------------------------

    /**
     * One write for a create or a correction: its outcome as the record, a replay or a refusal. The request's key goes
     * through the suite's idempotency mechanism first (concurrent duplicates wait for the first and replay it); the
     * record keeps its own natural key ({@code clientEventId}), which a batch may have used before.
     */
    private Created single(Candidate candidate, Entry entry, Caller caller, String operation,
            Supplier<RuntimeException> onRace) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                var once = new IdempotencyStore.Request(caller.clientId(), operation, candidate.key(),
                        candidate.fingerprint());
                var outcome = idempotency.once(once,
                        () -> created(ingest(List.of(candidate), new EventOutcome[1], entry, caller).get(0)),
                        c -> c.record().id().toString(), id -> new Created(find(UUID.fromString(id)), true));
                return outcome.replayed() ? new Created(outcome.value().record(), true) : outcome.value();
            });
        } catch (RecordStoreException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            // a concurrent request with the same key won: answer its record (or refuse a different body)
            Optional<Created> replay = candidate.key() == null ? Optional.empty()
                    : QuarkusTransaction.requiringNew().call(() -> replay(candidate, caller));
            return replay.orElseThrow(() -> Objects.requireNonNullElse(onRace.get(), e));
        }
    }

    /**
     * The one path every event takes, in the caller's transaction: answered against the records with its key (one
     * query), then drafted and checked against the law (once per event, on every core), then against the opt-out
     * stops of its subject (one query), then written with the other accepted events (one COPY) and one audit entry.
     * {@code outcomes} holds the events refused before (a batch's malformed ones); the answer has one per event.
     */
    private List<EventOutcome> ingest(List<Candidate> candidates, EventOutcome[] outcomes, Entry entry, Caller caller) {
        Map<String, ProvisionRecord> existing = records.findByKeys(caller.clientId(),
                candidates.stream().map(Candidate::key).filter(Objects::nonNull).toList());
        Map<String, Candidate> firstInBatch = new HashMap<>();
        List<Map.Entry<Candidate, Candidate>> repeats = new ArrayList<>();
        List<Candidate> fresh = new ArrayList<>();
        for (Candidate c : candidates) {
            ProvisionRecord earlier = c.key() == null ? null : existing.get(c.key());
            Candidate first = c.key() == null || earlier != null ? null : firstInBatch.putIfAbsent(c.key(), c);
            String firstFingerprint = earlier != null ? earlier.requestSha256()
                    : first != null ? first.fingerprint() : null;
            if (firstFingerprint != null && !firstFingerprint.equals(c.fingerprint())) {
                outcomes[c.index()] = c.rejected(new EventRefusal.KeyReused(c.key()));
            } else if (earlier != null) {
                outcomes[c.index()] = new Duplicate(c.index(), c.key(), earlier);
            } else if (first != null) {
                repeats.add(Map.entry(c, first)); // answered below, as its first occurrence was
            } else {
                fresh.add(c);
            }
        }
        // a correction's version is placed (or refused) only once it is known not to be a retry
        List<Lineage> lineages = fresh.stream().map(c -> c.lineage().get()).toList();
        List<Draft> drafts = new ArrayList<>(fresh.size());
        for (Drafted drafted : IntStream.range(0, fresh.size()).parallel()
                .mapToObj(i -> draftOrRefuse(fresh.get(i), lineages.get(i), caller)).toList()) {
            if (drafted instanceof Draft draft) {
                drafts.add(draft);
            } else {
                Rejected rejected = ((Refused) drafted).outcome();
                outcomes[rejected.index()] = rejected;
            }
        }
        List<Draft> accepted = new ArrayList<>(drafts.size());
        Map<String, List<OptOutStop>> stopsBySubject = stopsOf(drafts);
        for (Draft draft : drafts) {
            Optional<OptOutStop> stop = firstBlocking(draft, stopsBySubject);
            if (stop.isPresent()) {
                outcomes[draft.candidate().index()] = draft.candidate().rejected(
                        new EventRefusal.Stopped(stop.get().id(), stop.get().effectiveFrom()));
            } else {
                accepted.add(draft);
            }
        }
        write(accepted, entry, caller).forEach(a -> outcomes[a.index()] = a);
        // a first occurrence is accepted or rejected, never a duplicate (a key recorded before answers every one)
        for (Map.Entry<Candidate, Candidate> r : repeats) {
            Candidate repeat = r.getKey();
            EventOutcome first = outcomes[r.getValue().index()];
            outcomes[repeat.index()] = first instanceof Accepted a ? new Duplicate(repeat.index(), repeat.key(),
                    a.record()) : repeat.rejected(((Rejected) first).refusal());
        }
        List<EventOutcome> answered = List.of(outcomes);
        metrics.answered(answered);
        return answered;
    }

    /** An event of a batch checked for what needs no database (read, shape, key): a candidate, or rejected. */
    private Shaped shape(int i, BatchEvent item) {
        if (item instanceof BatchEvent.Unreadable unreadable) {
            return new Refused(new Rejected(i, unreadable.clientEventId(), unreadable.refusal()));
        }
        ProvisionEvent event = ((BatchEvent.Read) item).event();
        if (event == null) {
            return new Refused(new Rejected(i, null, new EventRefusal.Missing()));
        }
        if (event.clientEventId() == null) {
            return new Refused(new Rejected(i, null, EventRefusal.Invalid.of(List.of(new EventRefusal.Field("clientEventId",
                    "body", "must be given for every event of a batch (it makes retries safe)")))));
        }
        Set<ConstraintViolation<ProvisionEvent>> invalid = validator.validate(event);
        if (!invalid.isEmpty()) {
            return new Refused(new Rejected(i, event.clientEventId(), EventRefusal.Invalid.of(invalid.stream()
                    .map(v -> new EventRefusal.Field(v.getPropertyPath().toString(), "body", v.getMessage()))
                    .sorted(Comparator.comparing(EventRefusal.Field::name)).toList())));
        }
        try {
            Idempotency.key(null, event.clientEventId());
        } catch (Idempotency.InvalidKey e) {
            return new Refused(new Rejected(i, event.clientEventId(), new EventRefusal.Invalid(e.getMessage(),
                    List.of(new EventRefusal.Field(e.field(), e.in(), e.violation())))));
        }
        RecordContent.Digest digest = RecordContent.digest(json, event);
        return new Candidate(i, event, digest.eventSha256(), digest.fingerprint(), () -> Lineage.NEW);
    }

    /** The event drafted as a version and checked against the law: the draft, or the rules it breaks. */
    private Drafted draftOrRefuse(Candidate candidate, Lineage lineage, Caller caller) {
        Draft draft = draft(candidate, lineage, caller);
        List<RuleViolation> violations = ProvisionRules.check(candidate.event(), draft.recordedOn(),
                draft.assessment());
        return violations.isEmpty() ? draft : new Refused(candidate.rejected(new EventRefusal.RulesBroken(violations)));
    }

    /**
     * Writes the accepted drafts, rows first and the chain entry last (concurrent batches write their rows in
     * parallel and queue only for the chain's lock, held from the append to the commit).
     */
    private List<Accepted> write(List<Draft> accepted, Entry entry, Caller caller) {
        if (accepted.isEmpty()) {
            return List.of();
        }
        UUID batchId = entry == Entry.BATCH ? TimeOrderedIds.next(clock) : null;
        Map<String, Object> covered = entry == Entry.BATCH ? covered(accepted) : null;
        UUID entryId = TimeOrderedIds.next(clock);
        List<NewRecord> rows = new ArrayList<>(accepted.size());
        List<Accepted> answers = new ArrayList<>(accepted.size());
        for (Draft draft : accepted) {
            ProvisionRecord record = draft.record(entryId);
            rows.add(new NewRecord(record, draft.salt(), draft.subjectIndex()));
            answers.add(new Accepted(draft.candidate().index(), record.event().clientEventId(), record));
        }
        records.insert(rows);
        Draft one = accepted.get(0);
        audit.append(switch (entry) {
            case BATCH -> new AuditEvent("provision.batch-recorded", "provision-batch", batchId.toString(),
                    caller.actor(), null, covered);
            case RECORDED -> new AuditEvent("provision.recorded", AGGREGATE, one.id().toString(), caller.actor(), null,
                    one.facts());
            case CORRECTED -> new AuditEvent("provision.corrected", AGGREGATE, one.id().toString(), caller.actor(),
                    one.reason(), one.facts());
        }, entryId);
        return answers;
    }

    /**
     * A batch's entry names its rows by count, id range and the root of the RFC 9162 Merkle tree over the rows
     * ({@code "<id> <contentSha256>\n"} in id order, {@link BatchTree}), base64: a record's receipt proves its row into
     * that root, then the entry into the log.
     */
    private static Map<String, Object> covered(List<Draft> accepted) {
        BatchTree tree = BatchTree.rootOnly();
        List<Draft> ordered = accepted.stream().sorted(Comparator.comparing(Draft::id)).toList();
        ordered.forEach(d -> tree.add(d.id(), d.contentSha256()));
        Map<String, Object> covered = new LinkedHashMap<>();
        covered.put("count", ordered.size());
        covered.put("firstId", ordered.get(0).id().toString());
        covered.put("lastId", ordered.get(ordered.size() - 1).id().toString());
        covered.put("recordsRoot", tree.rootBase64());
        return covered;
    }

    /** The answer of a create or a correction; a refusal is thrown as the domain's exception. */
    private static Created created(EventOutcome outcome) {
        if (outcome instanceof Accepted a) {
            return new Created(a.record(), false);
        }
        if (outcome instanceof Duplicate d) {
            return new Created(d.record(), true);
        }
        EventRefusal refusal = ((Rejected) outcome).refusal();
        if (refusal instanceof EventRefusal.KeyReused k) {
            throw Idempotency.reused(k.key());
        }
        if (refusal instanceof EventRefusal.RulesBroken b) {
            throw new ProvisionRefusal(b.violations());
        }
        if (refusal instanceof EventRefusal.Stopped s) {
            throw new StoppedByOptOutRequest(s.stopId(), s.effectiveFrom());
        }
        throw new IllegalStateException("a create or correction is validated on the way in: " + refusal);
    }

    private Optional<Created> replay(Candidate candidate, Caller caller) {
        ProvisionRecord earlier = records.findByKeys(caller.clientId(), List.of(candidate.key()))
                .get(candidate.key());
        if (earlier == null) {
            return Optional.empty();
        }
        if (!earlier.requestSha256().equals(candidate.fingerprint())) {
            throw Idempotency.reused(candidate.key());
        }
        return Optional.of(new Created(earlier, true));
    }

    /** Where a correction of {@code id} goes: after the current version, its retention counted from the original. */
    private Lineage lineageOf(UUID id, String reason) {
        ProvisionRecord current = find(id);
        if (!records.isCurrent(id)) {
            throw NotCurrentVersion.corrected(current);
        }
        if (current.purged()) {
            throw NotCurrentVersion.purged();
        }
        ProvisionRecord origin = current.versionNo() == 1 ? current : records.lineage(current.lineageId()).get(0);
        return new Lineage(current, reason, LocalDate.ofInstant(origin.recordedAt().toInstant(),
                ProvisionRecord.LEGAL_ZONE));
    }

    /** The stops of the subjects of the opt-out provisions among the drafts (one query), by subject. */
    private Map<String, List<OptOutStop>> stopsOf(List<Draft> drafts) {
        List<String> indexes = drafts.stream().filter(d -> isOptOutProvision(d.candidate().event()))
                .map(Draft::subjectIndex).distinct().toList();
        Map<String, List<OptOutStop>> bySubject = new HashMap<>();
        stops.forSubjects(indexes).forEach(s -> bySubject.computeIfAbsent(s.subjectIndex(), k -> new ArrayList<>())
                .add(s));
        return bySubject;
    }

    private static Optional<OptOutStop> firstBlocking(Draft draft, Map<String, List<OptOutStop>> stopsBySubject) {
        ProvisionEvent event = draft.candidate().event();
        if (!isOptOutProvision(event)) {
            return Optional.empty();
        }
        return stopsBySubject.getOrDefault(draft.subjectIndex(), List.of()).stream()
                .filter(s -> s.blocks(event.counterparty().corporateNumber(), event.counterparty().key(),
                        event.firstProvisionDay()))
                .findFirst();
    }

    private static boolean isOptOutProvision(ProvisionEvent e) {
        return e.direction() == Direction.PROVIDED && e.legalBasis() == LegalBasis.OPT_OUT_27_2;
    }

    private static ProvisionEvent withKey(ProvisionEvent e, String key) {
        if (Objects.equals(e.clientEventId(), key)) {
            return e;
        }
        return new ProvisionEvent(key, e.direction(), e.legalBasis(), e.method(), e.contractRef(),
                e.goodsOrServices(), e.counterparty(), e.subject(), e.dataItems(), e.otherItems(), e.providedOn(),
                e.period(), e.consentRef(), e.acquisitionCircumstances(), e.ppcPublicationRef(), e.foreignTransfer(),
                e.order11Ground(), e.retainUntil());
    }

    // ---- reads ---------------------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProvisionRecord find(UUID id) {
        return records.find(id).orElseThrow(() -> new NotFound("There is no provision record " + id));
    }

    /** Every version of the record {@code id} belongs to, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProvisionRecord> history(UUID id) {
        return records.lineage(find(id).lineageId());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProvisionRecord> search(SearchCriteria criteria, UUID after, int limit) {
        return records.search(criteria, after, limit);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(SearchCriteria criteria) {
        return records.count(criteria);
    }

    /**
     * Streams every current version matching the criteria to the sink inside one read transaction of its own (a
     * server-side cursor: the list is never held in memory; a long stream outlives the default transaction timeout,
     * so it has {@code kiroku.provision-records.export.timeout}).
     */
    public void stream(SearchCriteria criteria, Consumer<ProvisionRecord> sink) {
        QuarkusTransaction.requiringNew().timeout((int) config.export().timeout().toSeconds())
                .run(() -> records.stream(criteria, sink));
    }

    /** The assessment of a kind of provision (nothing is stored). */
    public Assessment assess(Facts facts) {
        return ProvisionRules.assess(facts);
    }

    // ---- drafts --------------------------------------------------------------------------------------------------

    /** How a version is written to the audit chain: a batch's one entry, or one entry per created or corrected. */
    private enum Entry { BATCH, RECORDED, CORRECTED }

    /** An event of a batch after its shape was checked: a candidate, or refused. */
    sealed interface Shaped permits Candidate, Refused {
    }

    /** A candidate after it was drafted and checked against the law: a draft, or refused. */
    sealed interface Drafted permits Draft, Refused {
    }

    /** An event refused on the way. */
    record Refused(Rejected outcome) implements Shaped, Drafted {
    }

    /** An event on its way in: its position, key, digests, and where its version goes (decided once it is fresh). */
    record Candidate(int index, ProvisionEvent event, String eventSha256, String fingerprint,
                     Supplier<Lineage> lineage) implements Shaped {

        String key() {
            return event.clientEventId();
        }

        Rejected rejected(EventRefusal refusal) {
            return new Rejected(index, key(), refusal);
        }
    }

    /** The version a draft follows (none for a new record), why, and the day its retention counts from. */
    record Lineage(ProvisionRecord corrects, String reason, LocalDate createdOn) {
        static final Lineage NEW = new Lineage(null, null, null);
    }

    private Draft draft(Candidate candidate, Lineage lineage, Caller caller) {
        Instant now = clock.instant();
        UUID id = TimeOrderedIds.next(clock);
        String salt = AuditChain.newSalt();
        String indexInput = candidate.event().subject().indexInput();
        LocalDate createdOn = lineage.createdOn() != null ? lineage.createdOn()
                : LocalDate.ofInstant(now, ProvisionRecord.LEGAL_ZONE);
        return new Draft(id, candidate, lineage, caller, now.atOffset(ZoneOffset.UTC), createdOn, salt,
                AuditChain.commitment(salt, indexInput), vault.indexOf(indexInput),
                ProvisionRules.assess(Facts.of(candidate.event())), json);
    }
}
