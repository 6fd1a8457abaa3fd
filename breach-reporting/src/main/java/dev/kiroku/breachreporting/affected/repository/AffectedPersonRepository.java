package dev.kiroku.breachreporting.affected.repository;

import dev.kiroku.breachreporting.affected.AffectedPerson;
import dev.kiroku.breachreporting.affected.AffectedPersonSource;
import dev.kiroku.platform.persistence.KeysetQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
public class AffectedPersonRepository implements PanacheRepositoryBase<AffectedPerson, UUID> {


    /**
     * The persons of an incident among these blind indexes, by index: one query for a chunk of a source, each index a
     * probe of the (incident, index) key. Written as one probe per index (a lateral subquery the planner keeps as is)
     * and not as {@code subject_index IN (...)}: for an incident that a long job is still filling, the statistics say
     * it has hardly any persons, and the planner then read all of them through the (incident, id) index for every
     * chunk — a derivation of 100,000 persons spent most of its time there.
     */
    @SuppressWarnings("unchecked")
    public Map<String, AffectedPerson> findBySubjects(UUID incidentId, Collection<String> subjectIndexes) {
        if (subjectIndexes.isEmpty()) {
            return Map.of();
        }
        List<AffectedPerson> found = getEntityManager().createNativeQuery("SELECT p.* FROM "
                        + "unnest(CAST(?2 AS text[])) AS k(subject_index) JOIN LATERAL (SELECT * FROM affected_person a "
                        + "WHERE a.incident_id = ?1 AND a.subject_index = k.subject_index OFFSET 0) p ON true",
                        AffectedPerson.class)
                .setParameter(1, incidentId)
                .setParameter(2, subjectIndexes.toArray(String[]::new))
                .getResultList();
        return found.stream().collect(Collectors.toMap(AffectedPerson::subjectIndex, Function.identity()));
    }

    /** How many persons an incident affects (the count of Rule 7(iv)). */
    public long countOf(UUID incidentId) {
        return count("incidentId", incidentId);
    }

    /** Persons on record per incident (incidents without persons are absent). */
    public Map<UUID, Long> countsOf(Collection<UUID> incidentIds) {
        if (incidentIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = getEntityManager().createQuery("select p.incidentId, count(p) from AffectedPerson p "
                + "where p.incidentId in :ids group by p.incidentId", Object[].class)
                .setParameter("ids", incidentIds).getResultList();
        return rows.stream().collect(Collectors.toMap(r -> (UUID) r[0], r -> (Long) r[1]));
    }

    /** An incident's persons by the source that first named them. */
    public Map<AffectedPersonSource, Long> countsBySource(UUID incidentId) {
        List<Object[]> rows = getEntityManager().createQuery("select p.source, count(p) from AffectedPerson p "
                + "where p.incidentId = :id group by p.source", Object[].class)
                .setParameter("id", incidentId).getResultList();
        Map<AffectedPersonSource, Long> counts = new java.util.EnumMap<>(AffectedPersonSource.class);
        rows.forEach(r -> counts.put((AffectedPersonSource) r[0], (Long) r[1]));
        return counts;
    }

    /** A page of an incident's persons in id order after the cursor. */
    public List<AffectedPerson> listAfter(UUID incidentId, UUID after, int limit) {
        return KeysetQuery.ascending("id").equal("incidentId", incidentId).after(after).page(this, limit);
    }
}
