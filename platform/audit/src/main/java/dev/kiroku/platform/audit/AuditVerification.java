package dev.kiroku.platform.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The result of recomputing a service's audit log.
 *
 * @param intact         whether every entry holds
 * @param verifiedEntries how many entries held, in order, before the first broken one (or all of them)
 * @param treeSize       how many leaves the log holds
 * @param rootHash       the root hash of the whole log recomputed from the entries (base64), when intact
 * @param checkpointSize the size of the latest signed checkpoint the entries hash to, when intact
 * @param firstBrokenSeq the sequence number of the first entry that does not hold, when broken
 * @param firstBrokenEntryId its id
 * @param problem        what does not hold about it
 * @param verifiedAt     when the verification ran
 */
@Schema(name = "AuditVerification", description = "The result of recomputing a service's audit log")
public record AuditVerification(
        @Schema(example = "true") boolean intact,
        @Schema(example = "1342") long verifiedEntries,
        @Schema(example = "1342") long treeSize,
        @Schema(example = "YDA64iuZiGG847KPM+7L7nWKIRPIbJPAdtvp9VjBHHU=") String rootHash,
        @Schema(description = "The size of the latest signed checkpoint the entries were checked against",
                example = "1340") Long checkpointSize,
        @Schema(example = "1343") Long firstBrokenSeq,
        UUID firstBrokenEntryId,
        @Schema(example = "the entry does not match its leaf in the log (changed after it was logged)") String problem,
        OffsetDateTime verifiedAt) {

    static AuditVerification intact(long entries, String rootHash, Long checkpointSize, Instant at) {
        return new AuditVerification(true, entries, entries, rootHash, checkpointSize, null, null, null,
                at.atOffset(ZoneOffset.UTC));
    }

    static AuditVerification broken(long heldEntries, long treeSize, Long seq, UUID entryId, String problem,
                                    Instant at) {
        return new AuditVerification(false, heldEntries, treeSize, null, null, seq, entryId, problem,
                at.atOffset(ZoneOffset.UTC));
    }
}
