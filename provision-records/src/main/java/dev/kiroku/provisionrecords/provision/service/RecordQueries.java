package dev.kiroku.provisionrecords.provision.service;

import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The reads of records other features make (a disclosure answers with records), in the caller's transaction. */
@ApplicationScoped
public class RecordQueries {

    private final ProvisionRecordRepository records;

    RecordQueries(ProvisionRecordRepository records) {
        this.records = records;
    }

    /** These record versions, in id order. */
    public List<ProvisionRecord> findAll(Collection<UUID> ids) {
        return records.findAll(ids);
    }

    /**
     * The statutory records about a subject (by blind index) that a disclosure may reveal: current versions, not
     * purged, not withheld under Order Art. 11, overlapping the date range (either end may be open).
     */
    public List<ProvisionRecord> disclosable(String subjectIndex, LocalDate from, LocalDate to) {
        return records.disclosable(subjectIndex, from, to);
    }
}
