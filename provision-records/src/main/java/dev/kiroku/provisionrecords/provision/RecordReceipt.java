package dev.kiroku.provisionrecords.provision;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * The receipt of one record version: what ties the record to its audit log leaf, and the C2SP {@code tlog-proof} that
 * the leaf is in a signed checkpoint. A verifier recomputes, from the outside in: {@code SHA-256(event)} is the
 * content's {@code eventSha256}; {@code SHA-256(content)} is the {@code contentSha256} the leaf names, directly (a
 * record recorded alone) or, for a record of a batch, through {@code batchInclusion}: the record's row hashes up that
 * RFC 9162 proof to the Merkle root the batch's leaf holds ({@code recordsRoot}) — so a batched record's receipt is two
 * proofs, record in batch and batch in log. Batches recorded before batch entries held a Merkle root (their leaf has a
 * flat {@code recordsSha256}) keep that form: their receipts carry all of the batch's {@code batchRows} instead. The
 * leaf (the proof's extra data) hashes up the inclusion proof to the root of the checkpoint, whose signature verifies
 * under the log's key. Neither holds the subject: the content has it only as a salted commitment.
 */
@Schema(name = "RecordReceipt", description = "Proof that one record version is in a signed checkpoint of the audit "
        + "log: for a record recorded alone, the tlog-proof of its entry; for a record of a batch, two proofs: its row "
        + "in the batch's Merkle tree (batchInclusion) and the batch's entry in the log (proof)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordReceipt(
        @Schema(example = "019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12") UUID recordId,
        @Schema(description = "The audit entry that recorded it (for a record of a batch, the batch's entry)",
                example = "019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b13")
        UUID auditEntryId,
        @Schema(description = "The record's canonical content, the exact JSON text whose SHA-256 (hex) is its "
                + "contentSha256: ids, version, the subject's salted commitment, eventSha256, times, retention")
        String content,
        @Schema(description = "The recorded facts without the subject, the exact JSON text whose SHA-256 (hex) is the "
                + "content's eventSha256; its fields are those the disclosure or the export shows")
        String event,
        @Schema(description = "Only for a record of a batch recorded in the earlier form (its entry has a flat "
                + "recordsSha256 and no recordsRoot): every row the batch's entry recorded, \"<id> <contentSha256>\" in "
                + "id order, each line ending in a newline when hashed; their SHA-256 is the entry's recordsSha256. "
                + "Batches recorded since carry batchInclusion instead",
                nullable = true, deprecated = true,
                example = "[\"019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12 "
                        + "ad30edd6ebd3ced5f14ed99326039d17e4632bc67949e0b187d492e1ba953909\"]")
        List<String> batchRows,
        @Schema(description = "For a record of a batch: the proof that its row is in the Merkle tree whose root "
                + "(recordsRoot) and size (count) the batch's audit entry recorded; the first of its two proofs, "
                + "`proof` being the second", nullable = true)
        BatchInclusion batchInclusion,
        @Schema(description = "C2SP tlog-proof: header, extra (base64 of the leaf, the entry's RFC 8785 JSON), index, "
                + "the inclusion proof hashes, a blank line and the signed checkpoint",
                example = "c2sp.org/tlog-proof@v1\nextra eyJhY3Rpb24iOiJwcm92aXNpb24ucmVjb3JkZWQiLC4uLn0=\nindex 41\n"
                        + "YDA64iuZiGG847KPM+7L7nWKIRPIbJPAdtvp9VjBHHU=\n\nkiroku.localhost/provision-records\n42\n"
                        + "ZXhhbXBsZSByb290IGhhc2ggb2YgMzIgYnl0ZXMhIT0=\n\n— kiroku.localhost/provision-records "
                        + "Ab3dEfG...\n")
        String proof) {
}
