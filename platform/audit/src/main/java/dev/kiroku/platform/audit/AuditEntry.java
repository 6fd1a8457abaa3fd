package dev.kiroku.platform.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of the audit chain, as stored and as served to auditors. */
@Schema(name = "AuditEntry", description = "One entry of a service's tamper-evident audit chain")
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
        @Schema(example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String previousHash,
        @Schema(example = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752") String entryHash) {
}
