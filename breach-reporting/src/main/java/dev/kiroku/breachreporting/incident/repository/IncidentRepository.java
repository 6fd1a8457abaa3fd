package dev.kiroku.breachreporting.incident.repository;

import dev.kiroku.breachreporting.incident.Incident;
import dev.kiroku.breachreporting.incident.IncidentStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    /** A page of incidents in id (creation) order after the cursor, optionally of one status. */
    public List<Incident> listAfter(UUID after, IncidentStatus status, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (after != null) {
            query.append(" and id > :after");
            parameters.and("after", after);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        return find(query + " order by id", parameters).page(0, limit).list();
    }

    /** Incidents that may still owe a filing: every one not closed after its final report. */
    public List<Incident> listNotClosed() {
        return list("status <> ?1 order by id", IncidentStatus.CLOSED);
    }
}
