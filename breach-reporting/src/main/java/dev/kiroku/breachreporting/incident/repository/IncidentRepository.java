package dev.kiroku.breachreporting.incident.repository;

import dev.kiroku.breachreporting.incident.Incident;
import dev.kiroku.breachreporting.incident.IncidentStatus;
import dev.kiroku.platform.persistence.KeysetQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    /** A page of incidents in id (creation) order after the cursor, optionally of one status. */
    public List<Incident> listAfter(UUID after, IncidentStatus status, int limit) {
        return KeysetQuery.ascending("id").equal("status", status).after(after).page(this, limit);
    }

    /** Incidents that may still owe a filing: every one not closed after its final report. */
    public List<Incident> listNotClosed() {
        return list("status <> ?1 order by id", IncidentStatus.CLOSED);
    }
}
