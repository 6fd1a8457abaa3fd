package dev.kiroku.breachreporting.affected.repository;

import dev.kiroku.breachreporting.affected.ImportJob;
import dev.kiroku.breachreporting.affected.ImportStatus;
import dev.kiroku.breachreporting.affected.Rejection;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Import and derivation jobs, and the rows each rejected. */
@ApplicationScoped
public class ImportJobRepository implements PanacheRepositoryBase<ImportJob, UUID> {

    /** How many jobs are in each state (every state present, zero when none): one GROUP BY. */
    public Map<ImportStatus, Long> countByStatus() {
        Map<ImportStatus, Long> counts = new EnumMap<>(ImportStatus.class);
        for (ImportStatus s : ImportStatus.values()) {
            counts.put(s, 0L);
        }
        for (Object[] row : getEntityManager().createQuery("select j.status, count(j) from ImportJob j "
                + "group by j.status", Object[].class).getResultList()) {
            counts.put((ImportStatus) row[0], (Long) row[1]);
        }
        return counts;
    }

    /** The job of an incident. */
    public Optional<ImportJob> find(UUID incidentId, UUID jobId) {
        return find("id = ?1 and incidentId = ?2", jobId, incidentId).firstResultOptional();
    }

    /** Stamps the running jobs this instance holds (queued or working) as alive; the count stamped. */
    public int beat(Collection<UUID> jobIds, Instant now) {
        if (jobIds.isEmpty()) {
            return 0;
        }
        return getEntityManager().createNativeQuery("UPDATE affected_person_import SET heartbeat_at = :now "
                        + "WHERE id IN (:ids) AND status = 'RUNNING'")
                .setParameter("now", now).setParameter("ids", List.copyOf(jobIds)).executeUpdate();
    }

    /** Running jobs no instance has stamped since {@code staleBefore}, oldest first. */
    public List<UUID> abandoned(Instant staleBefore, int limit) {
        return getEntityManager().createQuery("select j.id from ImportJob j where j.status = ?1 "
                        + "and j.heartbeatAt < ?2 order by j.heartbeatAt", UUID.class)
                .setParameter(1, ImportStatus.RUNNING).setParameter(2, staleBefore).setMaxResults(limit)
                .getResultList();
    }

    /** The job, its row locked until the transaction ends (so that a heartbeat and the sweep do not cross). */
    public ImportJob lock(UUID jobId) {
        return findById(jobId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Takes a chunk's rejected rows into the job's report. */
    public void reject(UUID jobId, List<Rejection> rejections) {
        for (Rejection r : rejections) {
            getEntityManager().createNativeQuery("INSERT INTO affected_person_import_rejection (import_id, row_no, "
                            + "column_name, message) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                    .setParameter(1, jobId).setParameter(2, r.row()).setParameter(3, r.column())
                    .setParameter(4, r.message()).executeUpdate();
        }
    }

    /** The first rejected rows of a job, in row order. */
    public List<Rejection> rejections(UUID jobId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("SELECT row_no, column_name, message FROM "
                        + "affected_person_import_rejection WHERE import_id = ?1 ORDER BY row_no, column_name")
                .setParameter(1, jobId).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new Rejection(((Number) r[0]).longValue(), (String) r[1], (String) r[2]))
                .toList();
    }

    /** Serialises the chunks of every job of one incident until the transaction ends (one writer of its persons). */
    public void lockPersonsOf(UUID incidentId) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "affected-persons:" + incidentId).getSingleResult();
    }
}
