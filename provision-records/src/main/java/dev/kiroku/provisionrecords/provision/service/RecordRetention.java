package dev.kiroku.provisionrecords.provision.service;

import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The records' side of the retention purge (the purge itself, its lock and its log are the retention feature's). */
@ApplicationScoped
public class RecordRetention {

    private final ProvisionRecordRepository records;

    RecordRetention(ProvisionRecordRepository records) {
        this.records = records;
    }

    /**
     * Removes the personal data of every version of each record whose retention ended before {@code asOf}, in the
     * caller's transaction, keeping the tombstones; answers the ids purged (a second run purges nothing).
     */
    public List<UUID> purgeExpired(LocalDate asOf, OffsetDateTime now) {
        return records.purgeExpired(asOf, now);
    }
}
