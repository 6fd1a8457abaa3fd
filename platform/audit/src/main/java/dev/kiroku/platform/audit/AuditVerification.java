package dev.kiroku.platform.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The result of recomputing a service's audit chain.
 *
 * @param intact         whether every entry holds
 * @param verifiedEntries how many entries held, in order, before the first broken one (or all of them)
 * @param headHash       the hash of the last entry that held (the genesis hash for an empty chain)
 * @param firstBrokenSeq the sequence number of the first entry that does not hold, when broken
 * @param firstBrokenEntryId its id
 * @param problem        what does not hold about it
 * @param verifiedAt     when the verification ran
 */
@Schema(name = "AuditVerification", description = "The result of recomputing a service's audit chain")
public record AuditVerification(
        @Schema(example = "true") boolean intact,
        @Schema(example = "1342") long verifiedEntries,
        @Schema(example = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752") String headHash,
        @Schema(example = "1343") Long firstBrokenSeq,
        UUID firstBrokenEntryId,
        @Schema(example = "entry hash does not match the entry's content") String problem,
        OffsetDateTime verifiedAt) {

    static AuditVerification intact(long entries, String headHash, Instant at) {
        return new AuditVerification(true, entries, headHash, null, null, null, at.atOffset(ZoneOffset.UTC));
    }

    static AuditVerification broken(long heldEntries, AuditEntry entry, String problem, Instant at) {
        return new AuditVerification(false, heldEntries, null, entry.seq(), entry.entryId(), problem,
                at.atOffset(ZoneOffset.UTC));
    }
}
