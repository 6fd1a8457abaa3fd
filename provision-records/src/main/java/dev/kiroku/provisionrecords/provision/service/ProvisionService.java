package dev.kiroku.provisionrecords.provision.service;

import dev.kiroku.provisionrecords.common.Caller;
import dev.kiroku.provisionrecords.provision.rest.ProvisionProblems;
import dev.kiroku.provisionrecords.common.SubjectVault;
import dev.kiroku.provisionrecords.config.ProvisionRecordsConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.TimeOrderedIds;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.optout.OptOutStop;
import dev.kiroku.provisionrecords.provision.ProvisionEvent;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.ProvisionRefusal;
import dev.kiroku.provisionrecords.optout.StoppedByOptOutRequest;
import dev.kiroku.provisionrecords.optout.repository.OptOutStopRepository;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository.NewRecord;
import dev.kiroku.provisionrecords.common.RecordStoreException;
import dev.kiroku.provisionrecords.provision.SearchCriteria;
import dev.kiroku.provisionrecords.provision.rules.Assessment;
import dev.kiroku.provisionrecords.provision.rules.Facts;
import dev.kiroku.provisionrecords.provision.rules.ProvisionRules;
import dev.kiroku.provisionrecords.provision.rules.RetentionRules;
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

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Records provisions and receipts: single and batch ingest (idempotent per client), corrections as new versions,
 * reads and search. Every write appends to the audit chain in the same transaction; subjects enter the chain only as
 * salted commitments.
 */
@ApplicationScoped
public class ProvisionService {

    static final String AGGREGATE = "provision-record";

    private final ProvisionRecordRepository records;
    private final OptOutStopRepository stops;
    private final AuditChain audit;
    private final SubjectVault vault;
    private final ObjectMapper json;
    private final Validator validator;
    private final ProvisionRecordsConfig config;
    /** Microsecond ticks: what the service answers equals what PostgreSQL stores. */
    private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));

    public ProvisionService(ProvisionRecordRepository records, OptOutStopRepository stops, AuditChain audit,
            SubjectVault vault, ObjectMapper json, ValidatorFactory validators, ProvisionRecordsConfig config) {
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

    /** What happened to one event of a batch. */
    public enum ItemStatus { CREATED, DUPLICATE, REJECTED }

    /** One event's outcome: its record (created or the first one), or the problem that refused it. */
    public record ItemOutcome(int index, String clientEventId, ItemStatus status, ProvisionRecord record,
                              ProblemException problem) {
    }

    /** A correction: the full corrected event and why. */
    public record Correction(String reason, ProvisionEvent record) {
    }

    // ---- single create -------------------------------------------------------------------------------------------

    /** Records one event. A retry with the same key answers the first record again. */
    public Created create(ProvisionEvent event, String headerKey, Caller caller) {
        String key = Idempotency.key(headerKey, event.clientEventId());
        ProvisionEvent keyed = withKey(event, key);
        RecordContent.Digest digest = RecordContent.digest(json, keyed);
        String fingerprint = digest.fingerprint();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Optional<Created> replay = replay(key, fingerprint, caller);
                if (replay.isPresent()) {
                    return replay.get();
                }
                Draft draft = draft(keyed, digest.eventSha256(), fingerprint, caller, null, null);
                List<RuleViolation> violations = ProvisionRules.check(keyed, draft.recordedOn());
                if (!violations.isEmpty()) {
                    throw new ProvisionRefusal(violations);
                }
                checkStops(draft);
                UUID entryId = TimeOrderedIds.next(clock);
                ProvisionRecord record = draft.record(entryId);
                records.insert(List.of(new NewRecord(record, draft.salt(), draft.subjectIndex())));
                audit.append(new AuditEvent("provision.recorded", AGGREGATE, draft.id().toString(), caller.actor(),
                        null, draft.facts()), entryId);
                return new Created(record, false);
            });
        } catch (RecordStoreException e) {
            if (e.isUniqueViolation() && key != null) {
                // A concurrent request with the same key won: answer its record (or refuse a different body).
                return QuarkusTransaction.requiringNew().call(() -> replay(key, fingerprint, caller))
                        .orElseThrow(() -> e);
            }
            throw e;
        }
    }

    // ---- batch ---------------------------------------------------------------------------------------------------

    /**
     * Records a batch: each event is checked on its own (shape, key, the law, opt-out stops) and answered created,
     * duplicate or rejected; the created ones are written in one transaction with one audit entry, so an event is
     * either fully recorded or not at all. A batch that races another with the same keys is re-run once, the
     * other's records then answering as duplicates.
     */
    public List<ItemOutcome> batch(List<ProvisionEvent> events, Caller caller) {
        if (events.size() > config.ingest().maxBatch()) {
            throw new ProblemException(413, ProblemType.PAYLOAD_TOO_LARGE, "Batch too large",
                    "A batch may carry at most " + config.ingest().maxBatch() + " events; split it");
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

    private List<ItemOutcome> batchOnce(List<ProvisionEvent> events, Caller caller) {
        ItemOutcome[] outcomes = new ItemOutcome[events.size()];
        // the per-event CPU work (validation, serialisation, hashing) runs on every core; the rest is cheap
        List<Checked> checked = IntStream.range(0, events.size()).parallel()
                .mapToObj(i -> check(i, events.get(i))).toList();
        List<String> keys = new ArrayList<>();
        Map<Integer, RecordContent.Digest> digests = new HashMap<>();
        for (Checked c : checked) {
            if (c.rejected() != null) {
                outcomes[c.index()] = c.rejected();
            } else {
                keys.add(events.get(c.index()).clientEventId());
                digests.put(c.index(), c.digest());
            }
        }
        Map<String, ProvisionRecord> existing = records.findByKeys(caller.clientId(), keys);
        Map<String, Integer> firstInBatch = new HashMap<>();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (outcomes[i] != null) {
                continue;
            }
            ProvisionEvent event = events.get(i);
            String key = event.clientEventId();
            String fingerprint = digests.get(i).fingerprint();
            ProvisionRecord earlier = existing.get(key);
            if (earlier != null) {
                outcomes[i] = earlier.requestSha256().equals(fingerprint)
                        ? new ItemOutcome(i, key, ItemStatus.DUPLICATE, earlier, null)
                        : rejected(i, key, Idempotency.reused(key));
                continue;
            }
            Integer first = firstInBatch.putIfAbsent(key, i);
            if (first != null) {
                outcomes[i] = digests.get(first).fingerprint().equals(fingerprint)
                        ? new ItemOutcome(i, key, ItemStatus.DUPLICATE, null, null) // filled in below
                        : rejected(i, key, Idempotency.reused(key));
                continue;
            }
            candidates.add(i);
        }
        List<Object> drafted = candidates.parallelStream().map(i -> {
            ProvisionEvent event = events.get(i);
            Draft draft = draft(event, digests.get(i).eventSha256(), digests.get(i).fingerprint(), caller, null, null);
            List<RuleViolation> violations = ProvisionRules.check(event, draft.recordedOn());
            return violations.isEmpty() ? (Object) draft
                    : rejected(i, event.clientEventId(), ProvisionProblems.refusal(new ProvisionRefusal(violations)));
        }).toList();
        List<Draft> drafts = new ArrayList<>();
        List<Integer> draftIndexes = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            if (drafted.get(c) instanceof Draft draft) {
                drafts.add(draft);
                draftIndexes.add(candidates.get(c));
            } else {
                ItemOutcome refused = (ItemOutcome) drafted.get(c);
                outcomes[refused.index()] = refused;
            }
        }
        Map<UUID, OptOutStop> blocking = blockingStops(drafts);
        List<Draft> accepted = new ArrayList<>();
        List<Integer> acceptedIndexes = new ArrayList<>();
        for (int d = 0; d < drafts.size(); d++) {
            Draft draft = drafts.get(d);
            int i = draftIndexes.get(d);
            Optional<OptOutStop> stop = firstBlocking(draft, blocking.values());
            if (stop.isPresent()) {
                outcomes[i] = rejected(i, draft.event().clientEventId(),
                        ProvisionProblems.stop(new StoppedByOptOutRequest(stop.get().id(), stop.get().effectiveFrom())));
                continue;
            }
            accepted.add(draft);
            acceptedIndexes.add(i);
        }
        if (!accepted.isEmpty()) {
            UUID batchId = TimeOrderedIds.next(clock);
            // the entry names its rows by count, id range and a digest over "id contentSha256" in id order
            java.security.MessageDigest rowsDigest = RecordContent.rowsDigest();
            List<Draft> ordered = accepted.stream().sorted(java.util.Comparator.comparing(Draft::id)).toList();
            ordered.forEach(d -> RecordContent.addRow(rowsDigest, d.id(), d.contentSha256()));
            Map<String, Object> covered = new LinkedHashMap<>();
            covered.put("count", ordered.size());
            covered.put("firstId", ordered.get(0).id().toString());
            covered.put("lastId", ordered.get(ordered.size() - 1).id().toString());
            covered.put("recordsSha256", RecordContent.hex(rowsDigest));
            UUID entryId = TimeOrderedIds.next(clock);
            List<NewRecord> rows = new ArrayList<>(accepted.size());
            for (int a = 0; a < accepted.size(); a++) {
                Draft draft = accepted.get(a);
                ProvisionRecord record = draft.record(entryId);
                rows.add(new NewRecord(record, draft.salt(), draft.subjectIndex()));
                int i = acceptedIndexes.get(a);
                outcomes[i] = new ItemOutcome(i, record.event().clientEventId(), ItemStatus.CREATED, record, null);
            }
            // rows first, the chain entry last: concurrent batches write their rows in parallel and queue only for
            // the chain's lock, held from the append to the commit
            records.insert(rows);
            audit.append(new AuditEvent("provision.batch-recorded", "provision-batch", batchId.toString(),
                    caller.actor(), null, covered), entryId);
        }
        // a key repeated inside the batch answers the record its first occurrence created
        for (int i = 0; i < outcomes.length; i++) {
            ItemOutcome o = outcomes[i];
            if (o.status() == ItemStatus.DUPLICATE && o.record() == null) {
                ItemOutcome first = outcomes[firstInBatch.get(o.clientEventId())];
                outcomes[i] = first.status() == ItemStatus.CREATED
                        ? new ItemOutcome(i, o.clientEventId(), ItemStatus.DUPLICATE, first.record(), null)
                        : rejected(i, o.clientEventId(), first.problem());
            }
        }
        return List.of(outcomes);
    }

    /** An event of a batch after the checks that need no database: refused, or ready with its digest. */
    private record Checked(int index, ItemOutcome rejected, RecordContent.Digest digest) {
    }

    private Checked check(int i, ProvisionEvent event) {
        if (event == null) {
            return new Checked(i, rejected(i, null, ProblemException.unprocessable(ProblemType.VALIDATION,
                    "Request is not valid", "The event is null")), null);
        }
        if (event.clientEventId() == null) {
            return new Checked(i, rejected(i, null, invalid(List.of(Problem.Violation.of("clientEventId", "body",
                    "must be given for every event of a batch (it makes retries safe)")))), null);
        }
        Set<ConstraintViolation<ProvisionEvent>> invalid = validator.validate(event);
        if (!invalid.isEmpty()) {
            return new Checked(i, rejected(i, event.clientEventId(), invalid(invalid.stream()
                    .map(v -> Problem.Violation.of(v.getPropertyPath().toString(), "body", v.getMessage()))
                    .sorted(java.util.Comparator.comparing(Problem.Violation::field)).toList())), null);
        }
        try {
            Idempotency.key(null, event.clientEventId());
        } catch (ProblemException e) {
            return new Checked(i, rejected(i, event.clientEventId(), e), null);
        }
        return new Checked(i, null, RecordContent.digest(json, event));
    }

    // ---- corrections ---------------------------------------------------------------------------------------------

    /** Records a corrected version of the current version {@code id}; the corrected one stays readable. */
    public Created correct(UUID id, Correction correction, String headerKey, Caller caller) {
        String key = Idempotency.key(headerKey, correction.record().clientEventId());
        ProvisionEvent keyed = withKey(correction.record(), key);
        String fingerprint = Idempotency.fingerprint(json, Map.of("corrects", id.toString(), "reason",
                correction.reason(), "record", keyed));
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Optional<Created> replay = replay(key, fingerprint, caller);
                if (replay.isPresent()) {
                    return replay.get();
                }
                ProvisionRecord current = find(id);
                if (!records.isCurrent(id)) {
                    throw ProblemException.conflict(ProvisionProblems.SUPERSEDED, "Not the current version",
                            "Version " + current.versionNo() + " was already corrected; correct the current version "
                                    + "(see its history)").with("lineageId", current.lineageId().toString());
                }
                if (current.purged()) {
                    throw ProblemException.conflict(ProvisionProblems.SUPERSEDED, "Record purged",
                            "The record's personal data was purged after its retention ended; it cannot be corrected");
                }
                ProvisionRecord origin = current.versionNo() == 1 ? current : records.lineage(current.lineageId()).get(0);
                Draft draft = draft(keyed, RecordContent.digest(json, keyed).eventSha256(), fingerprint, caller,
                        current, correction.reason())
                        .createdOn(LocalDate.ofInstant(origin.recordedAt().toInstant(), ProvisionRecord.LEGAL_ZONE));
                List<RuleViolation> violations = ProvisionRules.check(keyed, draft.recordedOn());
                if (!violations.isEmpty()) {
                    throw new ProvisionRefusal(violations);
                }
                checkStops(draft);
                UUID entryId = TimeOrderedIds.next(clock);
                ProvisionRecord record = draft.record(entryId);
                records.insert(List.of(new NewRecord(record, draft.salt(), draft.subjectIndex())));
                audit.append(new AuditEvent("provision.corrected", AGGREGATE, draft.id().toString(), caller.actor(),
                        correction.reason(), draft.facts()), entryId);
                return new Created(record, false);
            });
        } catch (RecordStoreException e) {
            if (e.isUniqueViolation()) {
                Optional<Created> replay = key == null ? Optional.empty()
                        : QuarkusTransaction.requiringNew().call(() -> replay(key, fingerprint, caller));
                return replay.orElseThrow(() -> ProblemException.conflict(ProvisionProblems.SUPERSEDED, "Not the current version",
                        "Another correction of this version was recorded at the same time; read the history"));
            }
            throw e;
        }
    }

    // ---- reads ---------------------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProvisionRecord find(UUID id) {
        return records.find(id).orElseThrow(() -> ProblemException.notFound("There is no provision record " + id));
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
     * Streams every current version matching the criteria to the sink inside one read transaction (a server-side
     * cursor: the list is never held in memory), after appending the export itself to the audit chain: who exported
     * which period and filters, for inspection under APPI Art. 146.
     */
    public void export(SearchCriteria criteria, String format, Caller caller,
            java.util.function.Consumer<ProvisionRecord> sink) {
        QuarkusTransaction.requiringNew().run(() -> {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("format", format);
            facts.put("from", String.valueOf(criteria.from()));
            facts.put("to", String.valueOf(criteria.to()));
            facts.put("direction", String.valueOf(criteria.direction()));
            facts.put("basis", String.valueOf(criteria.basis()));
            facts.put("counterparty", String.valueOf(criteria.counterparty()));
            UUID exportId = TimeOrderedIds.next(clock);
            audit.append(new AuditEvent("provision-export.made", "provision-export", exportId.toString(),
                    caller.actor(), null, facts));
        });
        // a long export outlives the default transaction timeout: its read transaction has its own
        QuarkusTransaction.requiringNew().timeout((int) config.export().timeout().toSeconds())
                .run(() -> records.stream(criteria, sink));
    }

    /** The assessment of a kind of provision (nothing is stored). */
    public Assessment assess(Facts facts) {
        return ProvisionRules.assess(facts);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ProvisionRecord.LEGAL_ZONE);
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    private Optional<Created> replay(String key, String fingerprint, Caller caller) {
        if (key == null) {
            return Optional.empty();
        }
        ProvisionRecord earlier = records.findByKeys(caller.clientId(), List.of(key)).get(key);
        if (earlier == null) {
            return Optional.empty();
        }
        if (!earlier.requestSha256().equals(fingerprint)) {
            throw Idempotency.reused(key);
        }
        return Optional.of(new Created(earlier, true));
    }

    private void checkStops(Draft draft) {
        Map<UUID, OptOutStop> blocking = blockingStops(List.of(draft));
        Optional<OptOutStop> stop = firstBlocking(draft, blocking.values());
        if (stop.isPresent()) {
            throw new StoppedByOptOutRequest(stop.get().id(), stop.get().effectiveFrom());
        }
    }

    /** The stops of the subjects of the opt-out provisions among the drafts. */
    private Map<UUID, OptOutStop> blockingStops(List<Draft> drafts) {
        List<String> indexes = drafts.stream().filter(d -> isOptOutProvision(d.event())).map(Draft::subjectIndex)
                .distinct().toList();
        Map<UUID, OptOutStop> found = new LinkedHashMap<>();
        stops.forSubjects(indexes).forEach(s -> found.put(s.id(), s));
        return found;
    }

    private Optional<OptOutStop> firstBlocking(Draft draft, java.util.Collection<OptOutStop> candidates) {
        ProvisionEvent event = draft.event();
        if (!isOptOutProvision(event) || candidates.isEmpty()) {
            return Optional.empty();
        }
        return candidates.stream()
                .filter(s -> s.subjectIndex().equals(draft.subjectIndex()))
                .filter(s -> s.blocks(event.counterparty(), event.firstProvisionDay()))
                .findFirst();
    }

    private static boolean isOptOutProvision(ProvisionEvent e) {
        return e.direction() == Direction.PROVIDED && e.legalBasis() == LegalBasis.OPT_OUT_27_2;
    }

    private static ProvisionEvent withKey(ProvisionEvent e, String key) {
        if (java.util.Objects.equals(e.clientEventId(), key)) {
            return e;
        }
        return new ProvisionEvent(key, e.direction(), e.legalBasis(), e.method(), e.contractRef(),
                e.goodsOrServices(), e.counterparty(), e.subject(), e.dataItems(), e.otherItems(), e.providedOn(),
                e.period(), e.consentRef(), e.acquisitionCircumstances(), e.ppcPublicationRef(), e.foreignTransfer(),
                e.order11Ground(), e.retainUntil());
    }

    private static ItemOutcome rejected(int index, String key, ProblemException problem) {
        return new ItemOutcome(index, key, ItemStatus.REJECTED, null, problem);
    }

    private static ProblemException invalid(List<Problem.Violation> violations) {
        ProblemException e = new ProblemException(400, ProblemType.VALIDATION, "Request is not valid",
                violations.size() + (violations.size() == 1 ? " field is" : " fields are") + " not valid");
        violations.forEach(e::withViolation);
        return e;
    }

    private Draft draft(ProvisionEvent event, String eventSha256, String fingerprint, Caller caller,
            ProvisionRecord corrects, String reason) {
        Instant now = clock.instant();
        UUID id = TimeOrderedIds.next(clock);
        String salt = AuditChain.newSalt();
        String indexInput = event.subject().indexInput();
        String commitment = AuditChain.commitment(salt, indexInput);
        return new Draft(id, corrects == null ? id : corrects.lineageId(),
                corrects == null ? 1 : corrects.versionNo() + 1, corrects == null ? null : corrects.id(), reason,
                event, eventSha256, fingerprint, caller, now.atOffset(ZoneOffset.UTC),
                LocalDate.ofInstant(now, ProvisionRecord.LEGAL_ZONE), salt, commitment, vault.indexOf(indexInput));
    }

    /** A record about to be written: everything but its audit entry. */
    private final class Draft {
        private final UUID id;
        private final UUID lineageId;
        private final int versionNo;
        private final UUID correctsId;
        private final String reason;
        private final ProvisionEvent event;
        private final String eventSha256;
        private final String fingerprint;
        private final Caller caller;
        private final OffsetDateTime recordedAt;
        private final LocalDate createdOn;
        private final String salt;
        private final String commitment;
        private final String subjectIndex;
        private String contentSha256;
        private ProvisionRecord.Retention retention;
        private boolean statutory;

        Draft(UUID id, UUID lineageId, int versionNo, UUID correctsId, String reason, ProvisionEvent event,
                String eventSha256, String fingerprint, Caller caller, OffsetDateTime recordedAt, LocalDate createdOn, String salt,
                String commitment, String subjectIndex) {
            this.id = id;
            this.lineageId = lineageId;
            this.versionNo = versionNo;
            this.correctsId = correctsId;
            this.reason = reason;
            this.event = event;
            this.eventSha256 = eventSha256;
            this.fingerprint = fingerprint;
            this.caller = caller;
            this.recordedAt = recordedAt;
            this.createdOn = createdOn;
            this.salt = salt;
            this.commitment = commitment;
            this.subjectIndex = subjectIndex;
            settle();
        }

        /** The same draft counting retention from another creation day (a correction keeps the original's). */
        Draft createdOn(LocalDate day) {
            return new Draft(id, lineageId, versionNo, correctsId, reason, event, eventSha256, fingerprint, caller,
                    recordedAt,
                    day, salt, commitment, subjectIndex);
        }

        private void settle() {
            Assessment assessment = ProvisionRules.assess(Facts.of(event));
            statutory = assessment.statutory();
            RetentionRules.Row row = assessment.retention();
            LocalDate legal = RetentionRules.legalRetainUntil(row, event.lastProvisionDay(), createdOn);
            LocalDate effective = legal == null ? null
                    : event.retainUntil() != null && event.retainUntil().isAfter(legal) ? event.retainUntil() : legal;
            retention = new ProvisionRecord.Retention(effective, legal, row.rule());
            contentSha256 = sha256(content());
        }

        UUID id() {
            return id;
        }

        ProvisionEvent event() {
            return event;
        }

        String salt() {
            return salt;
        }

        /** The subject's blind index, computed once for the stop check and the row. */
        String subjectIndex() {
            return subjectIndex;
        }

        String contentSha256() {
            return contentSha256;
        }

        LocalDate recordedOn() {
            return createdOn;
        }

        /** The facts the audit chain keeps about this version. */
        Map<String, Object> facts() {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("id", id.toString());
            facts.put("lineageId", lineageId.toString());
            facts.put("versionNo", versionNo);
            if (correctsId != null) {
                facts.put("correctsId", correctsId.toString());
            }
            facts.put("statutory", statutory);
            facts.put("contentSha256", contentSha256);
            return facts;
        }

        /** Canonical content: every fact of the version, the subject only as its commitment. */
        private Map<String, Object> content() {
            return RecordContent.of(id, lineageId, versionNo, correctsId, reason, statutory, commitment,
                    eventSha256, recordedAt, caller.actor(), retention);
        }

        ProvisionRecord record(UUID auditEntryId) {
            return new ProvisionRecord(id, lineageId, versionNo, correctsId, reason, statutory, event,
                    caller.clientId(), fingerprint, recordedAt, caller.actor(), retention, commitment, contentSha256,
                    auditEntryId, null);
        }
    }

    private String sha256(Object content) {
        return RecordContent.sha256(json, content);
    }
}
