package dev.kiroku.breachreporting.notification.repository;

import dev.kiroku.breachreporting.notification.MessageStatus;
import dev.kiroku.breachreporting.notification.NotificationMessage;
import dev.kiroku.platform.persistence.KeysetQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The outbox. */
@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<NotificationMessage, UUID> {

    /**
     * Due queued notices of active campaigns, oldest due first, locked; rows another dispatcher holds locked are
     * skipped ({@code FOR UPDATE SKIP LOCKED}), so dispatchers on several replicas never take the same row.
     */
    @SuppressWarnings("unchecked")
    public List<NotificationMessage> lockDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("SELECT m.* FROM notification_message m "
                        + "JOIN notification_campaign c ON c.id = m.campaign_id "
                        + "WHERE m.status = 'QUEUED' AND m.next_attempt_at <= :now AND c.status = 'ACTIVE' "
                        + "ORDER BY m.next_attempt_at, m.id LIMIT :limit FOR UPDATE OF m SKIP LOCKED",
                        NotificationMessage.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** Notices in SENDING claimed before the instant (their lease ran out), or by the named dispatcher, locked. */
    @SuppressWarnings("unchecked")
    public List<NotificationMessage> lockAbandoned(Instant claimedBefore, String dispatcher) {
        return getEntityManager().createNativeQuery("SELECT * FROM notification_message "
                        + "WHERE status = 'SENDING' AND (claimed_at < :before OR claimed_by = :dispatcher) "
                        + "ORDER BY id FOR UPDATE SKIP LOCKED", NotificationMessage.class)
                .setParameter("before", claimedBefore)
                .setParameter("dispatcher", dispatcher == null ? "" : dispatcher)
                .getResultList();
    }

    public Optional<NotificationMessage> ofCampaign(UUID campaignId, UUID messageId) {
        return find("id = ?1 and campaignId = ?2", messageId, campaignId).firstResultOptional();
    }

    /** How many notices of all campaigns are in each state (every state present, zero when none): one GROUP BY. */
    public Map<MessageStatus, Long> countByStatus() {
        Map<MessageStatus, Long> counts = new EnumMap<>(MessageStatus.class);
        for (MessageStatus s : MessageStatus.values()) {
            counts.put(s, 0L);
        }
        for (Object[] row : getEntityManager().createQuery("select m.status, count(m) from NotificationMessage m "
                + "group by m.status", Object[].class).getResultList()) {
            counts.put((MessageStatus) row[0], (Long) row[1]);
        }
        return counts;
    }

    /** How many notices of the campaign are in each state (every state present, zero when none). */
    public Map<MessageStatus, Long> countByStatus(UUID campaignId) {
        Map<MessageStatus, Long> counts = new EnumMap<>(MessageStatus.class);
        for (MessageStatus s : MessageStatus.values()) {
            counts.put(s, 0L);
        }
        List<Object[]> rows = getEntityManager().createQuery("select m.status, count(m) from NotificationMessage m "
                + "where m.campaignId = :c group by m.status", Object[].class).setParameter("c", campaignId)
                .getResultList();
        for (Object[] row : rows) {
            counts.put((MessageStatus) row[0], (Long) row[1]);
        }
        return counts;
    }

    /** A page of the campaign's notices in id order after the cursor, optionally of one state. */
    public List<NotificationMessage> listAfter(UUID campaignId, UUID after, MessageStatus status, int limit) {
        return KeysetQuery.ascending("id").equal("campaignId", campaignId).equal("status", status).after(after)
                .page(this, limit);
    }

    /** The affected persons of the incident who already have a notice, whatever the campaign. */
    public Set<UUID> personsWithNotice(UUID incidentId) {
        return Set.copyOf(getEntityManager().createQuery("select m.affectedPersonId from NotificationMessage m "
                + "where m.incidentId = :i", UUID.class).setParameter("i", incidentId).getResultList());
    }
}
