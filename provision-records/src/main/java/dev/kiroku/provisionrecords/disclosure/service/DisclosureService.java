package dev.kiroku.provisionrecords.disclosure.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import dev.kiroku.platform.persistence.IdempotencyStore;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.TimeOrderedIds;
import dev.kiroku.provisionrecords.common.Caller;
import dev.kiroku.provisionrecords.common.InvalidInput;
import dev.kiroku.provisionrecords.common.NotFound;
import dev.kiroku.provisionrecords.common.SubjectVault;
import dev.kiroku.provisionrecords.disclosure.DisclosureMethod;
import dev.kiroku.provisionrecords.disclosure.DisclosureRequest;
import dev.kiroku.provisionrecords.disclosure.RefusalGround;
import dev.kiroku.provisionrecords.disclosure.repository.DisclosureRequestRepository;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.service.RecordQueries;
import dev.kiroku.provisionrecords.provision.service.RecordReceipts;
import dev.kiroku.provisionrecords.provision.ReceiptBundle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Answers a subject's disclosure request (APPI Art. 33(5)): finds every statutory record about them (provided and
 * received), leaves out records withheld under Order Art. 11 as if absent, and records the request and its answer.
 */
@ApplicationScoped
@Transactional
public class DisclosureService {

    static final String AGGREGATE = "disclosure-request";
    /** The operation idempotency keys of a request are scoped to (with the client). */
    static final String OPERATION = "POST /api/v1/disclosure-requests";

    private final DisclosureRequestRepository requests;
    private final RecordQueries records;
    private final SubjectVault vault;
    private final AuditChain audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final IdempotencyStore idempotency;
    private final DisclosureMetrics metrics;
    private final RecordReceipts receipts;

    DisclosureService(DisclosureRequestRepository requests, RecordQueries records,
            SubjectVault vault, AuditChain audit, ObjectMapper json, Clock clock, IdempotencyStore idempotency,
            DisclosureMetrics metrics, RecordReceipts receipts) {
        this.metrics = metrics;
        this.receipts = receipts;
        this.clock = clock;
        this.idempotency = idempotency;
        this.requests = requests;
        this.records = records;
        this.vault = vault;
        this.audit = audit;
        this.json = json;
    }

    /** What the subject (or their agent) asked, and a refusal if the business refuses. */
    public record Ask(String subjectScheme, String subjectIdentifier, LocalDate from, LocalDate to,
                      DisclosureMethod method, Instant receivedAt, String receivedVia, boolean requestedByAgent,
                      RefusalGround refusalGround, String refusalDetail) {
    }

    /** A request with the records it disclosed. */
    public record Answered(DisclosureRequest request, List<ProvisionRecord> records, boolean replayed) {
    }

    public Answered answer(Ask ask, String headerKey, Caller caller) {
        var once = new IdempotencyStore.Request(caller.clientId(), OPERATION, Idempotency.key(headerKey, null),
                Idempotency.fingerprint(json, ask));
        var outcome = idempotency.once(once, () -> create(ask, caller), a -> a.request().id().toString(),
                id -> find(UUID.fromString(id)));
        Answered answered = outcome.value();
        return new Answered(answered.request(), answered.records(), outcome.replayed());
    }

    private Answered create(Ask ask, Caller caller) {
        long started = System.nanoTime();
        if (ask.from() != null && ask.to() != null && ask.to().isBefore(ask.from())) {
            throw new InvalidInput("The range is empty", "to", "body", "must not be before from");
        }
        Instant now = clock.instant();
        Instant receivedAt = ask.receivedAt() == null ? now : ask.receivedAt();
        if (receivedAt.isAfter(now)) {
            throw new InvalidInput("A request cannot be received in the future", "receivedAt", "body",
                    "must not be in the future");
        }
        String index = vault.index(ask.subjectScheme(), ask.subjectIdentifier());
        List<ProvisionRecord> found = ask.refusalGround() != null ? List.of()
                : records.disclosable(index, ask.from(), ask.to());
        UUID id = TimeOrderedIds.next(clock);
        DisclosureRequest request = DisclosureRequest.answer(id,
                new DisclosureRequest.Ask(ask.subjectScheme(), index, vault.seal(ask.subjectIdentifier(), id), ask.from(), ask.to(), ask.method(), receivedAt,
                        ask.receivedVia(), ask.requestedByAgent()),
                found, ask.refusalGround(), ask.refusalDetail(), caller.actor(), now, caller.clientId());
        requests.persist(request);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("requestId", id.toString());
        facts.put("outcome", request.outcome().name());
        facts.put("method", request.method().name());
        facts.put("recordIds", request.recordIds().stream().map(UUID::toString).sorted().toList());
        facts.put("receivedAt", receivedAt.toString());
        facts.put("timeToAnswer", request.timeToAnswer().toString());
        if (request.refusalGround() != null) {
            facts.put("refusalGround", request.refusalGround().name());
        }
        audit.append(new AuditEvent("disclosure-request.answered", AGGREGATE, id.toString(), caller.actor(),
                ask.refusalDetail(), facts));
        metrics.answering(request.outcome(), started);
        return new Answered(request, found, false);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Answered find(UUID id) {
        DisclosureRequest request = requests.findByIdOptional(id)
                .orElseThrow(() -> new NotFound("There is no disclosure request " + id));
        return new Answered(request, records.findAll(request.recordIds()), false);
    }

    /** The receipts of the records a request disclosed, proving each one's audit entry in a signed checkpoint. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ReceiptBundle receipts(UUID id) {
        return receipts.of(find(id).records());
    }

    /** The request's subject identifier, decrypted for an authorised reader. */
    public String subjectIdentifier(DisclosureRequest request) {
        return vault.open(request.sealedIdentifier(), request.id());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DisclosureRequest> list(String subjectScheme, String subjectIdentifier, UUID after, int limit) {
        String index = subjectIdentifier == null ? null : vault.index(subjectScheme, subjectIdentifier);
        return requests.listAfter(after, index, limit);
    }
}
