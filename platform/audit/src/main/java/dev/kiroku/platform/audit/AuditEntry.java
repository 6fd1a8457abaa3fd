package dev.kiroku.platform.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One entry of the audit log, as stored and as served to auditors: leaf {@code seq - 1} of the service's RFC 9162
 * Merkle log, whose leaf is the canonical JSON of the entry ({@code AuditHashing.leaf}).
 */
@Schema(name = "AuditEntry", description = "One entry of a service's audit log: a leaf of its RFC 9162 Merkle tree")
public record AuditEntry(
        @Schema(example = "42") long seq,
        @Schema(example = "0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b") UUID entryId,
        @Schema(example = "2026-11-22T01:00:00Z") OffsetDateTime recordedAt,
        @Schema(example = "officer") String actor,
        @Schema(example = "joint-use-group.published") String action,
        @Schema(example = "joint-use-group") String aggregateType,
        @Schema(example = "0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b") String aggregateId,
        @Schema(example = "Annual review of the group notice", nullable = true) String reason,
        @JsonRawValue @Schema(implementation = Object.class, description = "The canonical JSON of the change")
        String content,
        @Schema(description = "Its index in the Merkle log (seq - 1)", example = "41") long leafIndex,
        @Schema(description = "SHA-256(0x00 ‖ leaf), base64", example = "YDA64iuZiGG847KPM+7L7nWKIRPIbJPAdtvp9VjBHHU=")
        String leafHash) {
}
