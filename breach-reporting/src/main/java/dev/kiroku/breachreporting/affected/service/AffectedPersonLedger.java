package dev.kiroku.breachreporting.affected.service;

import dev.kiroku.breachreporting.affected.AffectedPerson;
import dev.kiroku.breachreporting.affected.AffectedPersonSource;
import dev.kiroku.breachreporting.affected.Candidate;
import dev.kiroku.breachreporting.affected.ImportJob;
import dev.kiroku.breachreporting.affected.Rejection;
import dev.kiroku.breachreporting.affected.repository.AffectedPersonRepository;
import dev.kiroku.breachreporting.affected.repository.ImportJobRepository;
import dev.kiroku.breachreporting.incident.Incident;
import dev.kiroku.breachreporting.incident.service.IncidentService;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The writes of an import or derivation, each in its own transaction: the job's start, every chunk (its persons, its
 * rejected rows, the job's counts and an audit entry commit together, so progress is visible while a long job runs and
 * a failure keeps exactly the chunks committed), and the end. The audit chain names persons by count only.
 */
@ApplicationScoped
class AffectedPersonLedger {

    static final String AGGREGATE = "incident";

    private final ImportJobRepository jobs;
    private final AffectedPersonRepository persons;
    private final PersonVault vault;
    private final IncidentService incidents;
    private final AuditChain audit;
    private final ImportJobMetrics metrics;

    public AffectedPersonLedger(ImportJobRepository jobs, AffectedPersonRepository persons, PersonVault vault,
            IncidentService incidents, AuditChain audit, ImportJobMetrics metrics) {
        this.metrics = metrics;
        this.jobs = jobs;
        this.persons = persons;
        this.vault = vault;
        this.incidents = incidents;
        this.audit = audit;
    }

    /**
     * Records a job that starts now, and appends its start to the audit chain, in the transaction that claimed the
     * request's idempotency key (both commit together).
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public ImportJob open(ImportJob job) {
        jobs.persist(job);
        jobs.flush();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("importId", job.id().toString());
        content.put("kind", job.kind().name());
        job.total().ifPresent(t -> content.put("total", t));
        job.filter().ifPresent(f -> content.put("filter", f));
        content.put("requestSha256", job.requestSha256());
        audit.append(new AuditEvent("incident.affected-persons-import-started", AGGREGATE,
                job.incidentId().toString(), job.requestedBy(), null, content));
        return job;
    }

    /**
     * Adds a chunk of candidates to the job's incident: a new blind index is a new person, a known one is completed
     * with what it lacked (or counted as a duplicate), a rejected row goes into the job's report. One writer per
     * incident at a time.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ImportJob.ChunkCounts apply(UUID jobId, List<Candidate> chunk, Instant now) {
        ImportJob job = jobs.findById(jobId);
        jobs.lockPersonsOf(job.incidentId());
        Map<String, AffectedPerson> known = new HashMap<>();
        Map<Candidate, String> indexes = new LinkedHashMap<>();
        for (Candidate c : chunk) {
            if (!c.rejected()) {
                indexes.put(c, vault.index(c.subject()));
            }
        }
        known.putAll(persons.findBySubjects(job.incidentId(), indexes.values().stream().distinct().toList()));
        long added = 0;
        long completed = 0;
        long duplicates = 0;
        long rejected = 0;
        for (Candidate c : chunk) {
            if (c.rejected()) {
                jobs.reject(jobId, c.rejections());
                rejected++;
                continue;
            }
            String index = indexes.get(c);
            AffectedPerson person = known.get(index);
            if (person == null) {
                person = AffectedPerson.named(job.incidentId(), c.subject(), index, job.kind(), jobId,
                        job.requestedBy(), now, vault);
                persons.persist(person);
                known.put(index, person);
                added++;
            } else if (person.complete(c.subject(), now, vault)) {
                completed++;
            } else {
                duplicates++;
            }
        }
        ImportJob.ChunkCounts counts = new ImportJob.ChunkCounts(chunk.size(), added, completed, duplicates, rejected);
        job.progress(counts);
        persons.flush();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("importId", jobId.toString());
        content.put("kind", job.kind().name());
        content.put("processed", counts.processed());
        content.put("added", added);
        content.put("completed", completed);
        content.put("duplicates", duplicates);
        content.put("rejected", rejected);
        content.put("processedSoFar", job.processed());
        audit.append(new AuditEvent("incident.affected-persons-added", AGGREGATE, job.incidentId().toString(),
                job.requestedBy(), null, content));
        return counts;
    }

    /** The total of a derivation, once provision-records tells it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void expect(UUID jobId, long total) {
        jobs.findById(jobId).expect(total);
    }

    /**
     * Ends a job whose every row was processed: the incident's known count becomes the larger of its declared count and
     * the persons on record, re-assessing it (REASSESS, the job's requester as actor, the job named in the reason)
     * when that is more than it declared.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ImportJob complete(UUID jobId, Instant now) {
        ImportJob job = jobs.findById(jobId);
        Incident incident = incidents.lock(job.incidentId());
        long onRecord = persons.countOf(job.incidentId());
        String what = job.kind() == AffectedPersonSource.CSV_IMPORT ? "CSV import " : "derivation from "
                + "provision-records ";
        String outcome = incidents.feedPersonCount(incident, onRecord, "Affected persons " + what + jobId,
                job.requestedBy());
        job.complete(onRecord, outcome, now);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("importId", jobId.toString());
        content.put("kind", job.kind().name());
        content.put("processed", job.processed());
        content.put("added", job.added());
        content.put("completed", job.completed());
        content.put("duplicates", job.duplicates());
        content.put("rejected", job.rejected());
        content.put("personsOnRecord", onRecord);
        audit.append(new AuditEvent("incident.affected-persons-import-completed", AGGREGATE,
                job.incidentId().toString(), job.requestedBy(), outcome, content));
        return job;
    }

    /** Stops a job with a reason (no personal data); the chunks committed before stay. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ImportJob fail(UUID jobId, String reason, Instant now) {
        ImportJob job = jobs.findById(jobId);
        fail(job, reason, now);
        return job;
    }

    private void fail(ImportJob job, String reason, Instant now) {
        UUID jobId = job.id();
        job.fail(reason, now);
        metrics.failing();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("importId", jobId.toString());
        content.put("kind", job.kind().name());
        content.put("processed", job.processed());
        content.put("added", job.added());
        audit.append(new AuditEvent("incident.affected-persons-import-failed", AGGREGATE,
                job.incidentId().toString(), job.requestedBy(), job.failure().orElse(null), content));
    }

    /**
     * Ends a job that no instance has stamped since {@code staleBefore} (its instance stopped) as FAILED with the reason,
     * audited like any failed job; false when it is no longer running or was stamped meanwhile (the row is locked, so a
     * heartbeat and the sweep of another replica do not cross).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean abandon(UUID jobId, Instant staleBefore, String reason, Instant now) {
        ImportJob job = jobs.lock(jobId);
        if (job == null || !job.isAbandoned(staleBefore)) {
            return false;
        }
        fail(job, reason, now);
        return true;
    }

    /** The job's rejected rows, first ones first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Rejection> rejections(UUID jobId, int limit) {
        return jobs.rejections(jobId, limit);
    }
}
