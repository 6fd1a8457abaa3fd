package dev.kiroku.provisionrecords.provision.service;

import dev.kiroku.provisionrecords.common.LegalTime;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository.ErasureState;
import dev.kiroku.provisionrecords.provision.service.PurgeLeaves.Claim;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The record verification's purge checks (issue 13 item 6) on one version whose personal data is gone or that is
 * marked purged, against the purge leaf that names it: an erasure must be the retention purge (APPI Art. 29(2) /
 * 30(4), Rules 21 / 25), recorded in the audit log, after the retention the record was kept under, and complete.
 */
final class PurgeChecks {

    private PurgeChecks() {
    }

    /** What does not hold about the version, or {@code null} when its erasure holds. */
    static String problem(ErasureState row, Claim leaf) {
        if (leaf == null) {
            return "the record's personal data is gone (" + (row.purgedAt() == null ? "its subject removed"
                    : "purged at " + row.purgedAt()) + ") but no purge leaf of the audit log names it: erased behind "
                    + "the service's back" + (premature(row.purgedAt(), row.keptUntil()) ? ", "
                    + before(row.purgedAt(), row.keptUntil()) : "");
        }
        String by = "purge leaf " + leaf.seq();
        if (row.purgedAt() == null) {
            return by + " names the record but its row was not purged (its personal data removed another way)";
        }
        List<String> kept = new ArrayList<>();
        if (row.indexStored()) {
            kept.add("blind index");
        }
        if (row.identifierStored()) {
            kept.add("identifier ciphertext");
        }
        if (row.nameStored()) {
            kept.add("name ciphertext");
        }
        if (row.saltStored()) {
            kept.add("commitment salt");
        }
        if (row.fingerprintStored()) {
            kept.add("request fingerprint");
        }
        if (!kept.isEmpty()) {
            return "the record was purged (" + by + ") but still stores its subject's " + String.join(", ", kept)
                    + ": what could reveal the subject must go with the purge";
        }
        if (premature(row.purgedAt(), row.keptUntil())) {
            return "the record was " + before(row.purgedAt(), row.keptUntil());
        }
        if (!leaf.dated()) {
            return null; // a leaf written before purge leaves carried dates: it names the version, nothing more
        }
        if (premature(leaf.purgedAt(), leaf.keptUntil())) {
            return by + " says the record was " + before(leaf.purgedAt(), leaf.keptUntil());
        }
        List<String> differ = new ArrayList<>();
        if (!leaf.purgedAt().toInstant().equals(row.purgedAt().toInstant())) {
            differ.add("purgedAt " + row.purgedAt() + " (the leaf: " + leaf.purgedAt() + ")");
        }
        if (!Objects.equals(leaf.retainUntil(), row.retainUntil())) {
            differ.add("retainUntil " + row.retainUntil() + " (the leaf: " + leaf.retainUntil() + ")");
        }
        if (!Objects.equals(leaf.keptUntil(), row.keptUntil())) {
            differ.add("the current version's retainUntil " + row.keptUntil() + " (the leaf: " + leaf.keptUntil()
                    + ")");
        }
        return differ.isEmpty() ? null : "the purged row disagrees with " + by + ": " + String.join(", ", differ);
    }

    /** Purged on or before the last day the record was to be kept (or with no such day at all). */
    static boolean premature(OffsetDateTime purgedAt, LocalDate keptUntil) {
        return purgedAt != null && (keptUntil == null || !LocalDate.ofInstant(purgedAt.toInstant(), LegalTime.ZONE)
                .isAfter(keptUntil));
    }

    private static String before(OffsetDateTime purgedAt, LocalDate keptUntil) {
        return "purged on " + LocalDate.ofInstant(purgedAt.toInstant(), LegalTime.ZONE) + " (Asia/Tokyo), before its "
                + "retention ended: kept until " + (keptUntil == null ? "no end" : keptUntil)
                + " (APPI Rules 21/25)";
    }
}
