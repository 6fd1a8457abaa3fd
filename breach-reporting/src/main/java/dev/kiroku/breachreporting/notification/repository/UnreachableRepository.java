package dev.kiroku.breachreporting.notification.repository;

import dev.kiroku.breachreporting.notification.UnreachablePerson;
import dev.kiroku.platform.persistence.KeysetQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class UnreachableRepository implements PanacheRepositoryBase<UnreachablePerson, UUID> {

    /** A page of the campaign's unreachable persons in id order after the cursor. */
    public List<UnreachablePerson> listAfter(UUID campaignId, UUID after, int limit) {
        return KeysetQuery.ascending("id").equal("campaignId", campaignId).after(after).page(this, limit);
    }

    /** The affected persons of the incident an earlier campaign already listed as unreachable. */
    public Set<UUID> personsListed(UUID incidentId) {
        return Set.copyOf(getEntityManager().createQuery("select u.affectedPersonId from UnreachablePerson u "
                + "where u.incidentId = :i", UUID.class).setParameter("i", incidentId).getResultList());
    }
}
