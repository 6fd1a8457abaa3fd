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
     * <p>
     * The lateral form alone did not hold: for an incident the statistics do not know yet (a new one, or one analysed
     * while its first chunks were coming in), PostgreSQL's plan for the incident's own parameters estimates one person
     * either way, and may then probe through the (incident, id) index and filter on the index: every probe reads all
     * the incident's persons so far (measured: a derivation of 113,000 subjects took 16-40 s instead of 7). The lookup
     * is therefore planned without its parameter values ({@code plan_cache_mode = force_generic_plan}, for this
     * statement only): with the average incident's size the planner takes the (incident, subject) key, whose
     * equality on both columns finds one row.
     */
    @SuppressWarnings("unchecked")
    public Map<String, AffectedPerson> findBySubjects(UUID incidentId, Collection<String> subjectIndexes) {
        if (subjectIndexes.isEmpty()) {
            return Map.of();
        }
        // transaction-local (set_config's is_local), restored after the lookup; a lookup that fails leaves its
        // transaction to roll back, which undoes the setting as well (a restore in a finally block would only replace
        // PostgreSQL's error with "current transaction is aborted")
        String planCacheMode = planCacheMode("force_generic_plan");
        List<AffectedPerson> found = getEntityManager().createNativeQuery("SELECT p.* FROM "
                        + "unnest(CAST(?2 AS text[])) AS k(subject_index) JOIN LATERAL (SELECT * FROM affected_person a "
                        + "WHERE a.incident_id = ?1 AND a.subject_index = k.subject_index OFFSET 0) p ON true",
                        AffectedPerson.class)
                .setParameter(1, incidentId)
                .setParameter(2, subjectIndexes.toArray(String[]::new))
                .getResultList();
        planCacheMode(planCacheMode);
        return found.stream().collect(Collectors.toMap(AffectedPerson::subjectIndex, Function.identity()));
    }

    /**
     * Sets PostgreSQL's {@code plan_cache_mode} for the rest of the current transaction (or until set again) and
     * answers the mode it replaced.
     */
    private String planCacheMode(String mode) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("SELECT current_setting('plan_cache_mode'), "
                + "set_config('plan_cache_mode', ?1, true)").setParameter(1, mode).getSingleResult();
        return (String) row[0];
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
