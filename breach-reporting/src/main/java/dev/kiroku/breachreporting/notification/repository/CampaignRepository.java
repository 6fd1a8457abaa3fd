package dev.kiroku.breachreporting.notification.repository;

import dev.kiroku.breachreporting.notification.CampaignStatus;
import dev.kiroku.breachreporting.notification.NotificationCampaign;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CampaignRepository implements PanacheRepositoryBase<NotificationCampaign, UUID> {

    public Optional<NotificationCampaign> ofIncident(UUID incidentId, UUID campaignId) {
        return find("id = ?1 and incidentId = ?2", campaignId, incidentId).firstResultOptional();
    }

    public List<NotificationCampaign> ofIncident(UUID incidentId) {
        return list("incidentId = ?1 order by id", incidentId);
    }

    /** The campaign, its row locked until the transaction ends. */
    public Optional<NotificationCampaign> lock(UUID campaignId) {
        return findByIdOptional(campaignId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The status alone, read fresh (the dispatcher asks before each send). */
    public Optional<CampaignStatus> statusOf(UUID campaignId) {
        return getEntityManager().createQuery("select c.status from NotificationCampaign c where c.id = :id",
                        CampaignStatus.class).setParameter("id", campaignId).getResultStream().findFirst();
    }

    /** Active campaigns none of whose notices is still open (queued, sending or unconfirmed). */
    public List<UUID> activeAndSettled() {
        return getEntityManager().createQuery("select c.id from NotificationCampaign c where c.status = :active "
                        + "and not exists (select 1 from NotificationMessage m where m.campaignId = c.id "
                        + "and m.status in :open)", UUID.class)
                .setParameter("active", CampaignStatus.ACTIVE)
                .setParameter("open", dev.kiroku.breachreporting.notification.MessageStatus.OPEN)
                .getResultList();
    }
}
