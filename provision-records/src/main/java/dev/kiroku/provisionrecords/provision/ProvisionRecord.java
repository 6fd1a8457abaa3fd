package dev.kiroku.provisionrecords.provision;

import dev.kiroku.provisionrecords.common.LegalTime;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * One version of a stored provision or confirmation record. Immutable: a correction is a new version whose
 * {@code correctsId} names this one. After the retention purge {@code event.subject()} is {@code null} (the tombstone
 * keeps ids, dates, basis and hashes).
 *
 * @param event             what was recorded (subject decrypted; {@code clientEventId} is the idempotency key)
 * @param statutory         a record the law requires (Art. 29 / 30), as opposed to voluntary evidence
 * @param subjectCommitment salted HMAC of the subject, as the audit chain knows it
 * @param contentSha256     SHA-256 of the record's canonical facts with the subject as its commitment
 * @param auditEntryId      the audit-chain entry that recorded this version
 */
public record ProvisionRecord(UUID id, UUID lineageId, int versionNo, UUID correctsId, String correctionReason,
                              boolean statutory, ProvisionEvent event, String clientId, String requestSha256,
                              OffsetDateTime recordedAt, String recordedBy, Retention retention,
                              String subjectCommitment, String contentSha256, UUID auditEntryId,
                              OffsetDateTime purgedAt) {

    /** Legal days are Tokyo days. */
    public static final ZoneId LEGAL_ZONE = LegalTime.ZONE;

    /**
     * How long the record is kept.
     *
     * @param retainUntil      the effective end (inclusive): the later of the legal end and a business policy's end;
     *                         {@code null} while a bulk period is open
     * @param legalRetainUntil the end the law requires
     * @param rule             the rule that made the legal end
     */
    public record Retention(LocalDate retainUntil, LocalDate legalRetainUntil, String rule) {
    }

    public boolean purged() {
        return purgedAt != null;
    }
}
