package dev.kiroku.provisionrecords.provision.service;

import dev.kiroku.platform.persistence.IdempotencyStore;
import dev.kiroku.provisionrecords.provision.PurgedVersion;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository.PurgedRow;
import dev.kiroku.provisionrecords.provision.rules.RetentionRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The records' side of the retention purge (the purge itself, its lock and its log are the retention feature's). */
@ApplicationScoped
public class RecordRetention {

    /** The operations whose stored request fingerprints name a record version (its create, its correction). */
    static final String RECORD_OPERATIONS = "POST /api/v1/provisions";

    private final ProvisionRecordRepository records;
    private final IdempotencyStore idempotency;

    RecordRetention(ProvisionRecordRepository records, IdempotencyStore idempotency) {
        this.records = records;
        this.idempotency = idempotency;
    }

    /**
     * Removes the personal data of every version of each record whose retention ended before {@code asOf}, in the
     * caller's transaction, keeping the tombstones, and with it everything stored that could still reveal the
     * subject: the commitment's salt, the ciphertexts, the blind index, and the request fingerprints (the record's
     * own and the one its {@code Idempotency-Key} kept), which are plain hashes over the subject. Answers the versions
     * purged with what their retention was computed from (a second run purges nothing).
     */
    public List<PurgedVersion> purgeExpired(LocalDate asOf, OffsetDateTime now) {
        List<PurgedVersion> purged = records.purgeExpired(asOf, now).stream().map(RecordRetention::version).toList();
        idempotency.forget(RECORD_OPERATIONS, purged.stream().map(v -> v.id().toString()).toList());
        return purged;
    }

    private static PurgedVersion version(PurgedRow row) {
        RetentionRules.Row rule = RetentionRules.rowFor(row.method(), row.statutory());
        return new PurgedVersion(row.id(), row.lineageId(), rule.id(), row.retentionRule(), rule.anchor().name(),
                rule.period().toString(), RetentionRules.countedFrom(rule, row.lastProvisionDay(), row.createdOn()),
                row.legalRetainUntil(), row.retainUntil(), row.keptUntil(), row.purgedAt());
    }
}
