package dev.kiroku.platform.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
 * @param cosignedSize   the size of the latest checkpoint a witness cosigned that the entries were checked against,
 *                       when intact and a witness has cosigned one
 * @param cosignedBy     the witnesses whose verified cosignature of that checkpoint was kept
 * @param sinkSize       the size of the outside sink's latest checkpoint the entries were checked against, when intact
 *                       and the sink holds one
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
        OffsetDateTime verifiedAt,
        @Schema(description = "The size of the latest checkpoint a witness cosigned (C2SP tlog-witness) that the "
                + "entries were checked against: a party that is not the log vouches for the log up to it",
                example = "1340") Long cosignedSize,
        @Schema(description = "The witnesses whose verified cosignature of that checkpoint the log keeps",
                example = "[\"kiroku.example.jp/joint-use/witness\", \"kiroku.example.jp/breach-reporting/witness\"]")
        List<String> cosignedBy,
        @Schema(description = "The size of the outside sink's latest checkpoint the entries were checked against",
                example = "1340") Long sinkSize) {

    static AuditVerification intact(long entries, String rootHash, Long checkpointSize, Instant at) {
        return new AuditVerification(true, entries, entries, rootHash, checkpointSize, null, null, null,
                at.atOffset(ZoneOffset.UTC), null, null, null);
    }

    static AuditVerification broken(long heldEntries, long treeSize, Long seq, UUID entryId, String problem,
                                    Instant at) {
        return new AuditVerification(false, heldEntries, treeSize, null, null, seq, entryId, problem,
                at.atOffset(ZoneOffset.UTC), null, null, null);
    }

    /** This intact result, checked against the latest cosigned checkpoint and the sink's latest checkpoint too. */
    public AuditVerification witnessed(Long cosignedSize, List<String> cosignedBy, Long sinkSize) {
        return new AuditVerification(intact, verifiedEntries, treeSize, rootHash, checkpointSize, firstBrokenSeq,
                firstBrokenEntryId, problem, verifiedAt, cosignedSize,
                cosignedBy == null ? null : List.copyOf(cosignedBy), sinkSize);
    }
}
