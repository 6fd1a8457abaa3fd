package dev.kiroku.provisionrecords.optout.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import dev.kiroku.platform.persistence.IdempotencyStore;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.TimeOrderedIds;
import dev.kiroku.provisionrecords.common.Caller;
import dev.kiroku.provisionrecords.common.LegalTime;
import dev.kiroku.provisionrecords.common.NotFound;
import dev.kiroku.provisionrecords.common.SubjectVault;
import dev.kiroku.provisionrecords.optout.OptOutStop;
import dev.kiroku.provisionrecords.optout.repository.OptOutStopRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Opt-out stop requests: register, withdraw, read. Each change is appended to the audit chain. */
@ApplicationScoped
@Transactional
public class OptOutStopService {

    static final String AGGREGATE = "opt-out-stop";
    /** The operation idempotency keys of a registration are scoped to (with the client). */
    static final String OPERATION = "POST /api/v1/opt-out-stops";

    private final OptOutStopRepository stops;
    private final SubjectVault vault;
    private final AuditChain audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final IdempotencyStore idempotency;

    public OptOutStopService(OptOutStopRepository stops, SubjectVault vault, AuditChain audit, ObjectMapper json,
            Clock clock, IdempotencyStore idempotency) {
        this.clock = clock;
        this.idempotency = idempotency;
        this.stops = stops;
        this.vault = vault;
        this.audit = audit;
        this.json = json;
    }

    /** What a subject asked. An empty recipient list stops opt-out provision to every recipient. */
    public record StopRequest(String subjectScheme, String subjectIdentifier, List<OptOutStop.Recipient> recipients,
                              LocalDate effectiveFrom, String receivedVia) {
    }

    /** A registered stop, and whether this answer repeats the first of a retried request. */
    public record Registered(OptOutStop stop, boolean replayed) {
    }

    public Registered register(StopRequest request, String headerKey, Caller caller) {
        var once = new IdempotencyStore.Request(caller.clientId(), OPERATION, Idempotency.key(headerKey, null),
                Idempotency.fingerprint(json, request));
        var outcome = idempotency.once(once, () -> create(request, caller), stop -> stop.id().toString(),
                id -> find(UUID.fromString(id)));
        return new Registered(outcome.value(), outcome.replayed());
    }

    private OptOutStop create(StopRequest request, Caller caller) {
        UUID id = TimeOrderedIds.next(clock);
        OptOutStop stop = OptOutStop.register(id, request.subjectScheme(),
                vault.index(request.subjectScheme(), request.subjectIdentifier()),
                vault.seal(request.subjectIdentifier(), id), request.recipients(), request.effectiveFrom(),
                request.receivedVia(), caller.actor(), clock.instant(), caller.clientId());
        stops.persist(stop);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("stopId", id.toString());
        facts.put("allRecipients", stop.allRecipients());
        facts.put("recipients", stop.recipients().stream().map(OptOutStop.Recipient::name).toList());
        facts.put("effectiveFrom", stop.effectiveFrom().toString());
        facts.put("receivedVia", stop.receivedVia());
        audit.append(new AuditEvent("opt-out-stop.registered", AGGREGATE, id.toString(), caller.actor(), null, facts));
        return stop;
    }

    public OptOutStop withdraw(UUID id, LocalDate from, String reason, Caller caller) {
        OptOutStop stop = find(id);
        stop.withdraw(from == null ? today() : from, reason, caller.actor(), clock.instant());
        audit.append(new AuditEvent("opt-out-stop.withdrawn", AGGREGATE, id.toString(), caller.actor(), reason,
                Map.of("withdrawnOn", stop.withdrawnOn().toString())));
        return stop;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public OptOutStop find(UUID id) {
        return stops.findByIdOptional(id)
                .orElseThrow(() -> new NotFound("There is no opt-out stop " + id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OptOutStop> list(String subjectScheme, String subjectIdentifier, Boolean active, UUID after,
            int limit) {
        String index = subjectIdentifier == null ? null : vault.index(subjectScheme, subjectIdentifier);
        return stops.listAfter(after, index, active, limit);
    }

    /** Every stop (active or withdrawn) of these subjects, by blind index: what an opt-out provision is checked against. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OptOutStop> forSubjects(java.util.Collection<String> subjectIndexes) {
        return stops.forSubjects(subjectIndexes);
    }

    /** The stop's subject identifier, decrypted for an authorised reader. */
    public String subjectIdentifier(OptOutStop stop) {
        return vault.open(stop.sealedIdentifier(), stop.id());
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), LegalTime.ZONE);
    }
}
