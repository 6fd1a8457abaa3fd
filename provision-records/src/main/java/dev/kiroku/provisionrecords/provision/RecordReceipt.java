package dev.kiroku.provisionrecords.provision;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * The receipt of one record version: what ties the record to its audit log leaf, and the C2SP {@code tlog-proof} that
 * the leaf is in a signed checkpoint. A verifier recomputes, from the outside in: {@code SHA-256(event)} is the
 * content's {@code eventSha256}; {@code SHA-256(content)} is the {@code contentSha256} the leaf names (directly, or
 * through the batch's {@code rows} and their {@code recordsSha256}); the leaf (the proof's extra data) hashes up the
 * inclusion proof to the root of the checkpoint, whose signature verifies under the log's key. Neither holds the
 * subject: the content has it only as a salted commitment.
 */
@Schema(name = "RecordReceipt", description = "Proof that one record version is in a signed checkpoint of the audit log")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordReceipt(
        @Schema(example = "019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12") UUID recordId,
        @Schema(description = "The audit entry that recorded it", example = "019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b13")
        UUID auditEntryId,
        @Schema(description = "The record's canonical content, the exact JSON text whose SHA-256 (hex) is its "
                + "contentSha256: ids, version, the subject's salted commitment, eventSha256, times, retention")
        String content,
        @Schema(description = "The recorded facts without the subject, the exact JSON text whose SHA-256 (hex) is the "
                + "content's eventSha256; its fields are those the disclosure or the export shows")
        String event,
        @Schema(description = "For a record of a batch: every row the batch's entry recorded, \"<id> <contentSha256>\" "
                + "in id order, each line ending in a newline when hashed; their SHA-256 is the entry's recordsSha256",
                nullable = true)
        List<String> batchRows,
        @Schema(description = "C2SP tlog-proof: header, extra (base64 of the leaf, the entry's RFC 8785 JSON), index, "
                + "the inclusion proof hashes, a blank line and the signed checkpoint",
                example = "c2sp.org/tlog-proof@v1\nextra eyJhY3Rpb24iOiJwcm92aXNpb24ucmVjb3JkZWQiLC4uLn0=\nindex 41\n"
                        + "YDA64iuZiGG847KPM+7L7nWKIRPIbJPAdtvp9VjBHHU=\n\nkiroku.localhost/provision-records\n42\n"
                        + "ZXhhbXBsZSByb290IGhhc2ggb2YgMzIgYnl0ZXMhIT0=\n\n— kiroku.localhost/provision-records "
                        + "Ab3dEfG...\n")
        String proof) {
}
