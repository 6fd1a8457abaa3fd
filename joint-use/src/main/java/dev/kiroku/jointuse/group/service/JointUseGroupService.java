package dev.kiroku.jointuse.group.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.jointuse.config.JointUseConfig;
import dev.kiroku.jointuse.group.ChangePolicy;
import dev.kiroku.jointuse.group.ChangeRequest;
import dev.kiroku.jointuse.group.GroupStatus;
import dev.kiroku.jointuse.group.JointUseDefinition;
import dev.kiroku.jointuse.group.JointUseGroup;
import dev.kiroku.jointuse.group.JointUseNotice;
import dev.kiroku.jointuse.group.Member;
import dev.kiroku.jointuse.group.repository.JointUseGroupRepository;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import dev.kiroku.platform.persistence.IdempotencyStore;
import dev.kiroku.platform.web.Digests;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Joint-use groups: lifecycle, changes under Art. 27(6), notices and membership checks. Every state change is
 * appended to the audit chain in the same transaction (the definition enters the chain only as its SHA-256).
 */
@ApplicationScoped
@Transactional
public class JointUseGroupService {

    static final String AGGREGATE = "joint-use-group";

    private final JointUseGroupRepository groups;
    private final AuditChain audit;
    private final JointUseConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final IdempotencyStore idempotency;

    public JointUseGroupService(JointUseGroupRepository groups, AuditChain audit, JointUseConfig config,
            ObjectMapper json, Clock clock, IdempotencyStore idempotency) {
        this.clock = clock;
        this.idempotency = idempotency;
        this.groups = groups;
        this.audit = audit;
        this.config = config;
        this.json = json;
    }

    /** A match of the membership check. */
    public record Match(JointUseGroup group, JointUseNotice notice, Member member) {
    }

    /** A create's outcome, and whether it repeats the first answer of a retried request. */
    public record Created<T>(T value, boolean replayed) {
    }

    /** Creates a draft group; with an idempotency key, a retry answers the first group again. */
    public Created<JointUseGroup> create(JointUseDefinition definition, String idempotencyKey, String clientId,
            String actor) {
        var once = new IdempotencyStore.Request(clientId, "POST /api/v1/joint-use-groups",
                Idempotency.key(idempotencyKey, null), Idempotency.fingerprint(json, definition));
        var outcome = idempotency.once(once, () -> {
            JointUseGroup group = JointUseGroup.draft(definition, actor, clock.instant());
            groups.persist(group);
            record(group, "joint-use-group.created", actor, null, Map.of("definitionSha256", digest(definition)));
            return group;
        }, group -> group.id().toString(), id -> find(UUID.fromString(id)));
        return new Created<>(outcome.value(), outcome.replayed());
    }

    public JointUseGroup redefine(UUID id, JointUseDefinition definition, String actor) {
        JointUseGroup group = find(id);
        group.redefine(definition, clock.instant());
        record(group, "joint-use-group.redefined", actor, null, Map.of("definitionSha256", digest(definition)));
        return group;
    }

    public JointUseNotice publish(UUID id, LocalDate effectiveFrom, String actor) {
        JointUseGroup group = find(id);
        JointUseNotice notice = group.publish(effectiveFrom, actor, clock.instant());
        record(group, "joint-use-group.published", actor, notice.reason(), noticeFacts(notice));
        return notice;
    }

    /** Changes a published group (a new notice version); with an idempotency key, a retry answers that version. */
    public Created<JointUseNotice> change(UUID id, ChangeRequest request, String idempotencyKey, String clientId,
            String actor) {
        var once = new IdempotencyStore.Request(clientId, "POST /api/v1/joint-use-groups/" + id + "/changes",
                Idempotency.key(idempotencyKey, null), Idempotency.fingerprint(json, request));
        var outcome = idempotency.once(once, () -> {
            JointUseGroup group = find(id);
            JointUseNotice notice = group.change(request,
                    new ChangePolicy(config.minimumAdvanceNoticeDays(), config.withoutDelayDays()), actor,
                    clock.instant());
            record(group, "joint-use-group.changed", actor, request.reason(), noticeFacts(notice));
            return notice;
        }, notice -> Integer.toString(notice.versionNo()),
                version -> find(id).notice(Integer.parseInt(version)).orElseThrow());
        return new Created<>(outcome.value(), outcome.replayed());
    }

    public JointUseNotice publishPending(UUID id, int versionNo, String actor) {
        JointUseGroup group = find(id);
        JointUseNotice notice = group.publishPending(versionNo, actor, clock.instant());
        record(group, "joint-use-notice.published", actor, null, noticeFacts(notice));
        return notice;
    }

    public JointUseGroup end(UUID id, LocalDate endsOn, String reason, String actor) {
        JointUseGroup group = find(id);
        group.end(endsOn, reason, clock.instant());
        record(group, "joint-use-group.ended", actor, reason, Map.of("endsOn", endsOn.toString()));
        return group;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public JointUseGroup find(UUID id) {
        return groups.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("There is no joint-use group " + id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JointUseGroup> list(UUID after, GroupStatus status, int limit) {
        return groups.listAfter(after, status, limit);
    }

    /** A group that is or was public; drafts do not exist for the public. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<JointUseGroup> findPublic(UUID id) {
        return groups.findByIdOptional(id).filter(g -> g.status() != GroupStatus.DRAFT);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JointUseGroup> listPublic() {
        return groups.listEverPublished();
    }

    /**
     * Is the counterparty a joint user of a group, published and in force on the date, that covers every item?
     * Answers every such group with the notice version that makes it so.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Match> check(String counterpartyName, String corporateNumber, List<String> items, LocalDate date) {
        List<Match> matches = new ArrayList<>();
        for (JointUseGroup group : groups.listEverPublished()) {
            group.noticeInForce(date).ifPresent(notice -> {
                JointUseDefinition content = notice.definition();
                if (!content.dataItems().containsAll(items)) {
                    return;
                }
                content.scope().members().stream()
                        .filter(m -> m.is(counterpartyName, corporateNumber))
                        .findFirst()
                        .ifPresent(member -> matches.add(new Match(group, notice, member)));
            });
        }
        return matches;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), JointUseGroup.LEGAL_ZONE);
    }

    private Map<String, Object> noticeFacts(JointUseNotice notice) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("noticeVersion", notice.versionNo());
        facts.put("status", notice.status().name());
        facts.put("effectiveFrom", notice.effectiveFrom().toString());
        facts.put("changeKinds", notice.changeKinds().stream().map(Enum::name).sorted().toList());
        facts.put("definitionSha256", digest(notice.definition()));
        notice.dueBy().ifPresent(due -> facts.put("dueBy", due.toString()));
        notice.nonSubstantiveJustification().ifPresent(j -> facts.put("nonSubstantiveJustification", j));
        return facts;
    }

    private void record(JointUseGroup group, String action, String actor, String reason, Map<String, ?> content) {
        audit.append(new AuditEvent(action, AGGREGATE, group.id().toString(), actor, reason, content));
    }

    private String digest(JointUseDefinition definition) {
        try {
            return Digests.sha256Hex(json.writeValueAsString(definition));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot digest a joint-use definition", e);
        }
    }

    /** The instant of now, for views that need "today" consistently with the service. */
    public Instant now() {
        return clock.instant();
    }
}
