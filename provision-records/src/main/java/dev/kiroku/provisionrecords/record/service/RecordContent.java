package dev.kiroku.provisionrecords.record.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.provisionrecords.record.ProvisionEvent;
import dev.kiroku.provisionrecords.record.ProvisionRecord;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The canonical content of a record version: every fact, the subject only as its salted commitment. Its SHA-256 is
 * stored with the row and named in the audit chain, so the record verification can recompute it from the row alone
 * (a purged row keeps every fact it hashes).
 */
final class RecordContent {

    private RecordContent() {
    }

    static Map<String, Object> of(UUID id, UUID lineageId, int versionNo, UUID correctsId, String reason,
            boolean statutory, String commitment, ProvisionEvent event, OffsetDateTime recordedAt, String recordedBy,
            ProvisionRecord.Retention retention) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("id", id.toString());
        content.put("lineageId", lineageId.toString());
        content.put("versionNo", versionNo);
        content.put("correctsId", correctsId == null ? null : correctsId.toString());
        content.put("correctionReason", reason);
        content.put("statutory", statutory);
        content.put("subjectCommitment", commitment);
        content.put("event", event.withoutSubject());
        content.put("recordedAt", recordedAt.toInstant().toString());
        content.put("recordedBy", recordedBy);
        content.put("retainUntil", String.valueOf(retention.retainUntil()));
        content.put("legalRetainUntil", String.valueOf(retention.legalRetainUntil()));
        return content;
    }

    static Map<String, Object> of(ProvisionRecord r) {
        return of(r.id(), r.lineageId(), r.versionNo(), r.correctsId(), r.correctionReason(), r.statutory(),
                r.subjectCommitment(), r.event(), r.recordedAt(), r.recordedBy(), r.retention());
    }

    static String sha256(ObjectMapper json, Object content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(content)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the record content", e);
        }
    }
}
