package dev.kiroku.breachreporting.incident.repository;

import dev.kiroku.breachreporting.incident.Incident;
import dev.kiroku.breachreporting.incident.IncidentStatus;
import dev.kiroku.platform.persistence.KeysetQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    /** A page of incidents in id (creation) order after the cursor, optionally of one status. */
    public List<Incident> listAfter(UUID after, IncidentStatus status, int limit) {
        return KeysetQuery.ascending("id").equal("status", status).after(after).page(this, limit);
    }

    /**
     * Locks the incident's row until the transaction ends and returns the incident as it is after the lock. The lock
     * is a plain {@code SELECT … FOR UPDATE} on the row alone: asking Hibernate for a {@code PESSIMISTIC_WRITE} load
     * joins the two eager collections (FOR UPDATE cannot lock the nullable side of an outer join) and failed under
     * concurrent actions. An instance this transaction read before the lock is refreshed.
     */
    public Optional<Incident> lock(UUID id) {
        List<?> locked = getEntityManager().createNativeQuery("SELECT id FROM incident WHERE id = :id FOR UPDATE")
                .setParameter("id", id).getResultList();
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        Incident incident = findById(id);
        getEntityManager().refresh(incident);
        return Optional.of(incident);
    }

    /** Incidents that may still owe a filing: every one not closed after its final report. */
    public List<Incident> listNotClosed() {
        return list("status <> ?1 order by id", IncidentStatus.CLOSED);
    }
}
