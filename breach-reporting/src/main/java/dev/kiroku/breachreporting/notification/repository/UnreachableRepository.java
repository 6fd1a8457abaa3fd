package dev.kiroku.breachreporting.notification.repository;

import dev.kiroku.breachreporting.notification.UnreachablePerson;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class UnreachableRepository implements PanacheRepositoryBase<UnreachablePerson, UUID> {

    public List<UnreachablePerson> listAfter(UUID campaignId, UUID after, int limit) {
        if (after == null) {
            return find("campaignId = ?1 order by id", campaignId).page(0, limit).list();
        }
        return find("campaignId = ?1 and id > ?2 order by id", campaignId, after).page(0, limit).list();
    }

    /** The affected persons of the incident an earlier campaign already listed as unreachable. */
    public Set<UUID> personsListed(UUID incidentId) {
        return Set.copyOf(getEntityManager().createQuery("select u.affectedPersonId from UnreachablePerson u "
                + "where u.incidentId = :i", UUID.class).setParameter("i", incidentId).getResultList());
    }
}
