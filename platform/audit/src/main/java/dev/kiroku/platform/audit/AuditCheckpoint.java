package dev.kiroku.platform.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** One signed checkpoint of the audit log, as kept and as listed in its history. */
@Schema(name = "AuditCheckpoint", description = "A signed checkpoint of a service's audit log (C2SP tlog-checkpoint)")
public record AuditCheckpoint(
        @Schema(description = "How many leaves the checkpoint covers", example = "1342") long treeSize,
        @Schema(description = "The root hash, base64", example = "YDA64iuZiGG847KPM+7L7nWKIRPIbJPAdtvp9VjBHHU=")
        String rootHash,
        @Schema(description = "The signing key's id (hex)", example = "c74f20a3") String keyId,
        @Schema(example = "2026-11-22T01:00:00.2Z") OffsetDateTime signedAt,
        @Schema(description = "The checkpoint as a C2SP signed note") String note) {
}
