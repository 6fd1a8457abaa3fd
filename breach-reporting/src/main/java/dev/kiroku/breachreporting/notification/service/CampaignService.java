package dev.kiroku.breachreporting.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.breachreporting.affected.AffectedPerson;
import dev.kiroku.breachreporting.affected.service.AffectedPersons;
import dev.kiroku.breachreporting.config.NotificationConfig;
import dev.kiroku.breachreporting.incident.Incident;
import dev.kiroku.breachreporting.incident.IncidentAction;
import dev.kiroku.breachreporting.incident.IncidentStatus;
import dev.kiroku.breachreporting.incident.service.IncidentService;
import dev.kiroku.breachreporting.notification.AlternativeMeasure;
import dev.kiroku.breachreporting.notification.CampaignStatus;
import dev.kiroku.breachreporting.notification.MessageStatus;
import dev.kiroku.breachreporting.notification.NoticeContent;
import dev.kiroku.breachreporting.notification.NotificationCampaign;
import dev.kiroku.breachreporting.notification.NotificationMessage;
import dev.kiroku.breachreporting.notification.UnreachablePerson;
import dev.kiroku.breachreporting.notification.repository.CampaignRepository;
import dev.kiroku.breachreporting.notification.repository.MessageRepository;
import dev.kiroku.breachreporting.notification.repository.UnreachableRepository;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import dev.kiroku.platform.persistence.IdempotencyStore;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Notification campaigns (APPI Art. 26(2); Rule 10). Creating one writes, in the same transaction, one outbox row per
 * affected person reachable by e-mail and lists the others for the alternative measure; the dispatcher sends. A person
 * of an incident gets at most one notice whatever the campaign: a later campaign covers only persons named since (and
 * persons listed as unreachable before who now have an address). Every human action is appended to the audit chain.
 */
@ApplicationScoped
@Transactional
public class CampaignService {

    static final String AGGREGATE = "notification-campaign";
    public static final URI NOT_NOTIFYING = ProblemType.of("incident-not-notifying");
    public static final URI NOBODY_TO_NOTIFY = ProblemType.of("no-persons-to-notify");
    public static final URI CAMPAIGN_STATE = ProblemType.of("campaign-state");
    public static final URI NOTICE_STATE = ProblemType.of("notice-state");
    /** Incidents whose persons may no longer be notified through the service. */
    static final Set<IncidentStatus> NO_CAMPAIGN = EnumSet.of(IncidentStatus.DETECTED,
            IncidentStatus.PRINCIPAL_NOTIFIED, IncidentStatus.CLOSED_INTERNAL, IncidentStatus.CLOSED);
    private static final int PAGE = 500;

    private final IncidentService incidents;
    private final AffectedPersons persons;
    private final CampaignRepository campaigns;
    private final MessageRepository messages;
    private final UnreachableRepository unreachables;
    private final AuditChain audit;
    private final ObjectMapper json;
    private final String messageIdDomain;
    private final Clock clock;
    private final IdempotencyStore idempotency;

    public CampaignService(IncidentService incidents, AffectedPersons persons, CampaignRepository campaigns,
            MessageRepository messages, UnreachableRepository unreachables, AuditChain audit, ObjectMapper json,
            NotificationConfig config, @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from,
            Clock clock, IdempotencyStore idempotency) {
        this.clock = clock;
        this.idempotency = idempotency;
        this.incidents = incidents;
        this.persons = persons;
        this.campaigns = campaigns;
        this.messages = messages;
        this.unreachables = unreachables;
        this.audit = audit;
        this.json = json;
        this.messageIdDomain = config.messageIdDomain()
                .orElseGet(() -> from.filter(f -> f.contains("@"))
                        .map(f -> f.substring(f.lastIndexOf('@') + 1).replace(">", "").strip())
                        .orElse("breach-reporting.kiroku.invalid"));
    }

    /** A create's outcome: the campaign, and whether this request created it or a retry found it. */
    public record Created(NotificationCampaign campaign, boolean replayed) {
    }

    /** A campaign with its notices counted per state, and whether the incident may now record notice as given. */
    public record CampaignState(NotificationCampaign campaign, Map<MessageStatus, Long> counts,
                                IncidentStatus incidentStatus, boolean incidentNoticeRecordable) {
    }

    /**
     * Starts a campaign: one outbox row per affected person not yet given a notice who has an e-mail address (QUEUED,
     * due now, in the person's language when the campaign has it), and the persons without one listed as needing the
     * alternative measure. With an Idempotency-Key a retry answers the first campaign again.
     */
    public Created create(UUID incidentId, NoticeContent content, String idempotencyKey, String clientId,
            String actor) {
        String requestSha256 = Idempotency.fingerprint(json, content);
        var once = new IdempotencyStore.Request(clientId,
                "POST /api/v1/incidents/" + incidentId + "/notification-campaigns",
                Idempotency.key(idempotencyKey, null), requestSha256);
        var outcome = idempotency.once(once, () -> start(incidentId, content, requestSha256, actor),
                campaign -> campaign.id().toString(), id -> find(incidentId, UUID.fromString(id)));
        return new Created(outcome.value(), outcome.replayed());
    }

    private NotificationCampaign start(UUID incidentId, NoticeContent content, String requestSha256, String actor) {
        Incident incident = incidents.lock(incidentId);
        if (NO_CAMPAIGN.contains(incident.status())) {
            throw ProblemException.conflict(NOT_NOTIFYING, "The incident's persons are not notified now",
                    "The incident is " + incident.status() + ": persons are notified once it is assessed and until "
                            + "it is closed; an entrusted party that notified its principal is released from notice "
                            + "(APPI Rule 9)");
        }
        if (!content.contact().reachable()) {
            throw new ProblemException(422, ProblemType.of("notice-refused"), "The notice cannot be sent as given",
                    "The inquiry contact needs a phone number or an e-mail address")
                    .withViolation(new Problem.Violation("contact", "body", "give a phone number or an e-mail "
                            + "address where the person can ask", "APPI Rule 10; Rule 8(1)(ix)")); // verification [M]: docs/law.md
        }
        Instant now = clock.instant();
        NotificationCampaign campaign = NotificationCampaign.start(incidentId, content, requestSha256, actor, now);
        campaigns.persist(campaign);
        Set<UUID> notified = messages.personsWithNotice(incidentId);
        Set<UUID> listed = unreachables.personsListed(incidentId);
        int reachable = 0;
        int unreachable = 0;
        Map<String, Integer> languages = new LinkedHashMap<>();
        UUID after = null;
        while (true) {
            List<AffectedPerson> page = persons.page(incidentId, after, PAGE);
            for (AffectedPerson person : page) {
                if (notified.contains(person.id())) {
                    continue;
                }
                if (person.reachableByEmail()) {
                    String language = content.languageFor(person.language());
                    messages.persist(NotificationMessage.queue(campaign.id(), incidentId, person.id(), language,
                            messageIdDomain, actor, now));
                    languages.merge(language, 1, Integer::sum);
                    reachable++;
                } else if (!listed.contains(person.id())) {
                    unreachables.persist(new UnreachablePerson(campaign.id(), incidentId, person.id(), now));
                    unreachable++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).id();
            messages.flush();
            messages.getEntityManager().clear();
        }
        if (reachable == 0 && unreachable == 0) {
            throw ProblemException.conflict(NOBODY_TO_NOTIFY, "Nobody to notify",
                    "Every affected person of the incident already has a notice or was already listed for the "
                            + "alternative measure; add persons first");
        }
        campaign = campaigns.getEntityManager().contains(campaign) ? campaign : campaigns.findById(campaign.id());
        campaign.counted(reachable, unreachable, now);
        campaigns.flush();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("incidentId", incidentId.toString());
        facts.put("reachable", reachable);
        facts.put("unreachable", unreachable);
        facts.put("languages", languages);
        facts.put("english", content.en() != null);
        facts.put("contentSha256", requestSha256);
        audit.append(new AuditEvent("notification-campaign.created", AGGREGATE, campaign.id().toString(), actor, null,
                facts));
        if (campaign.status() == CampaignStatus.COMPLETED) {
            appendCompleted(campaign);
        }
        return campaign;
    }

    public NotificationCampaign pause(UUID incidentId, UUID campaignId, String reason, String actor) {
        NotificationCampaign campaign = lock(incidentId, campaignId);
        campaign.pause(actor, clock.instant());
        appendState(campaign, "notification-campaign.paused", actor, reason);
        return campaign;
    }

    public NotificationCampaign resume(UUID incidentId, UUID campaignId, String reason, String actor) {
        NotificationCampaign campaign = lock(incidentId, campaignId);
        campaign.resume(actor, clock.instant());
        appendState(campaign, "notification-campaign.resumed", actor, reason);
        return campaign;
    }

    /** Records (or amends) the alternative measure for the persons the campaign cannot reach. */
    public NotificationCampaign recordAlternativeMeasure(UUID incidentId, UUID campaignId, AlternativeMeasure measure,
            String actor) {
        NotificationCampaign campaign = lock(incidentId, campaignId);
        campaign.recordAlternativeMeasure(measure, actor, clock.instant());
        campaigns.flush();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("incidentId", incidentId.toString());
        facts.put("unreachable", campaign.unreachable());
        facts.put("publishedWhere", measure.publication().where());
        if (measure.publication().url() != null) {
            facts.put("publishedUrl", measure.publication().url());
        }
        facts.put("publishedOn", measure.publication().publishedOn().toString());
        facts.put("inquiryDesk", measure.inquiryContact().business() + " " + measure.inquiryContact().desk());
        audit.append(new AuditEvent("notification-campaign.alternative-measure-recorded", AGGREGATE,
                campaign.id().toString(), actor, measure.note(), facts));
        return campaign;
    }

    /** A breach manager confirms an unconfirmed notice was sent. */
    public NotificationMessage confirmSent(UUID incidentId, UUID campaignId, UUID messageId, Instant sentAt,
            String reason, String actor) {
        NotificationCampaign campaign = lock(incidentId, campaignId);
        NotificationMessage message = message(campaignId, messageId);
        message.confirmSent(sentAt, actor, clock.instant());
        appendMessage(campaign, message, "notification-campaign.notice-confirmed-sent", actor, reason);
        completeIfSettled(campaign);
        return message;
    }

    /** A breach manager releases an unconfirmed notice for sending again. */
    public NotificationMessage release(UUID incidentId, UUID campaignId, UUID messageId, String reason, String actor) {
        NotificationCampaign campaign = lock(incidentId, campaignId);
        NotificationMessage message = message(campaignId, messageId);
        message.release(actor, clock.instant());
        appendMessage(campaign, message, "notification-campaign.notice-released", actor, reason);
        return message;
    }

    /** Records a bounce (DSN) reported after the server accepted the notice. */
    public NotificationMessage bounce(UUID incidentId, UUID campaignId, UUID messageId, Integer code, String reason,
            String actor) {
        NotificationCampaign campaign = lock(incidentId, campaignId);
        NotificationMessage message = message(campaignId, messageId);
        message.bounce(code, actor, clock.instant());
        appendMessage(campaign, message, "notification-campaign.notice-bounced", actor, reason);
        completeIfSettled(campaign);
        return message;
    }

    /** Completes every active campaign whose notices are all settled (the dispatcher calls this after each run). */
    public int completeSettled() {
        int completed = 0;
        for (UUID id : campaigns.activeAndSettled()) {
            NotificationCampaign campaign = campaigns.lock(id).orElseThrow();
            if (completeIfSettled(campaign)) {
                completed++;
            }
        }
        return completed;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CampaignState state(UUID incidentId, UUID campaignId) {
        Incident incident = incidents.find(incidentId);
        NotificationCampaign campaign = campaigns.ofIncident(incidentId, campaignId)
                .orElseThrow(() -> notFound(incidentId, campaignId));
        return state(incident, campaign);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CampaignState> list(UUID incidentId) {
        Incident incident = incidents.find(incidentId);
        return campaigns.ofIncident(incidentId).stream().map(c -> state(incident, c)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NotificationMessage> messages(UUID incidentId, UUID campaignId, MessageStatus status, UUID after,
            int limit) {
        find(incidentId, campaignId);
        return messages.listAfter(campaignId, after, status, limit);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UnreachablePerson> unreachable(UUID incidentId, UUID campaignId, UUID after, int limit) {
        find(incidentId, campaignId);
        return unreachables.listAfter(campaignId, after, limit);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public NotificationCampaign find(UUID incidentId, UUID campaignId) {
        incidents.find(incidentId);
        return campaigns.ofIncident(incidentId, campaignId).orElseThrow(() -> notFound(incidentId, campaignId));
    }

    private CampaignState state(Incident incident, NotificationCampaign campaign) {
        boolean recordable = campaign.status() == CampaignStatus.COMPLETED && !campaign.alternativeMeasureNeeded()
                && IncidentAction.NOTIFY_INDIVIDUALS.target(incident.status()).isPresent()
                && incident.individualNotice().map(n -> n == dev.kiroku.breachreporting.incident.IndividualNotice
                        .DEFERRED).orElse(true);
        return new CampaignState(campaign, messages.countByStatus(campaign.id()), incident.status(), recordable);
    }

    private boolean completeIfSettled(NotificationCampaign campaign) {
        Map<MessageStatus, Long> counts = messages.countByStatus(campaign.id());
        boolean open = MessageStatus.OPEN.stream().anyMatch(s -> counts.get(s) > 0);
        if (open || !campaign.complete(clock.instant())) {
            return false;
        }
        campaigns.flush();
        appendCompleted(campaign);
        return true;
    }

    private void appendCompleted(NotificationCampaign campaign) {
        Map<String, Long> counts = new LinkedHashMap<>();
        messages.countByStatus(campaign.id()).forEach((s, n) -> counts.put(s.name(), n));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("incidentId", campaign.incidentId().toString());
        facts.put("counts", counts);
        facts.put("unreachable", campaign.unreachable());
        facts.put("alternativeMeasureRecorded", campaign.alternativeMeasure().isPresent());
        audit.append(new AuditEvent("notification-campaign.completed", AGGREGATE, campaign.id().toString(),
                "dispatcher", null, facts));
    }

    private void appendState(NotificationCampaign campaign, String action, String actor, String reason) {
        campaigns.flush();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("incidentId", campaign.incidentId().toString());
        facts.put("status", campaign.status().name());
        Map<String, Long> counts = new LinkedHashMap<>();
        messages.countByStatus(campaign.id()).forEach((s, n) -> counts.put(s.name(), n));
        facts.put("counts", counts);
        audit.append(new AuditEvent(action, AGGREGATE, campaign.id().toString(), actor, reason, facts));
    }

    private void appendMessage(NotificationCampaign campaign, NotificationMessage message, String action,
            String actor, String reason) {
        messages.flush();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("incidentId", campaign.incidentId().toString());
        facts.put("noticeId", message.id().toString());
        facts.put("messageId", message.messageId());
        facts.put("status", message.status().name());
        facts.put("attempts", message.attempts());
        audit.append(new AuditEvent(action, AGGREGATE, campaign.id().toString(), actor, reason, facts));
    }

    private NotificationCampaign lock(UUID incidentId, UUID campaignId) {
        find(incidentId, campaignId);
        return campaigns.lock(campaignId).orElseThrow(() -> notFound(incidentId, campaignId));
    }

    private NotificationMessage message(UUID campaignId, UUID messageId) {
        return messages.ofCampaign(campaignId, messageId).orElseThrow(() -> ProblemException.notFound(
                "Campaign " + campaignId + " has no notice " + messageId));
    }

    private static ProblemException notFound(UUID incidentId, UUID campaignId) {
        return ProblemException.notFound("Incident " + incidentId + " has no notification campaign " + campaignId);
    }
}
