package dev.kiroku.provisionrecords.provision.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.web.Digests;
import dev.kiroku.provisionrecords.provision.ProvisionEvent;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The canonical content of a record version: every fact, the subject only as its salted commitment, the event's facts
 * as the SHA-256 of their JSON. Its SHA-256 is stored with the row and named in the audit chain, so the record
 * verification can recompute it from the row alone (a purged row keeps every fact it hashes).
 */
final class RecordContent {

    private RecordContent() {
    }

    /**
     * What one serialisation of an event gives: the hash of its facts (without subject and business retention) for
     * the content, and the request fingerprint for idempotency (the facts plus subject and business retention).
     */
    record Digest(String eventSha256, String fingerprint) {
    }

    static Digest digest(ObjectMapper json, ProvisionEvent event) {
        try {
            byte[] facts = json.writeValueAsBytes(event.withoutSubject());
            String eventSha256 = Digests.sha256Hex(facts);
            MessageDigest sha = Digests.sha256();
            sha.update(eventSha256.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(json.writeValueAsBytes(event.subject()));
            sha.update((byte) 0);
            sha.update(String.valueOf(event.retainUntil()).getBytes(StandardCharsets.UTF_8));
            return new Digest(eventSha256, Digests.hex(sha));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the event", e);
        }
    }

    static Map<String, Object> of(UUID id, UUID lineageId, int versionNo, UUID correctsId, String reason,
            boolean statutory, String commitment, String eventSha256, OffsetDateTime recordedAt, String recordedBy,
            ProvisionRecord.Retention retention) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("id", id.toString());
        content.put("lineageId", lineageId.toString());
        content.put("versionNo", versionNo);
        content.put("correctsId", correctsId == null ? null : correctsId.toString());
        content.put("correctionReason", reason);
        content.put("statutory", statutory);
        content.put("subjectCommitment", commitment);
        content.put("eventSha256", eventSha256);
        content.put("recordedAt", recordedAt.toInstant().toString());
        content.put("recordedBy", recordedBy);
        content.put("retainUntil", String.valueOf(retention.retainUntil()));
        content.put("legalRetainUntil", String.valueOf(retention.legalRetainUntil()));
        return content;
    }

    /** The content recomputed from a stored version. */
    static Map<String, Object> of(ObjectMapper json, ProvisionRecord r) {
        return of(r.id(), r.lineageId(), r.versionNo(), r.correctsId(), r.correctionReason(), r.statutory(),
                r.subjectCommitment(), digest(json, r.event()).eventSha256(), r.recordedAt(), r.recordedBy(),
                r.retention());
    }

    static String sha256(ObjectMapper json, Object content) {
        try {
            return Digests.sha256Hex(json.writeValueAsBytes(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the record content", e);
        }
    }

    /**
     * A row of a batch as its audit entry commits to it: the line {@code "<id> <contentSha256>\n"} in ASCII (the
     * lowercase UUID, one space, 64 lowercase hex digits, a newline: 102 bytes). A batch entry's Merkle tree has one
     * leaf per row ({@link BatchTree}); the entries of the earlier flat form hashed the lines one after the other.
     */
    static byte[] row(UUID id, String contentSha256) {
        return (id + " " + contentSha256 + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The flat digest batch entries of the earlier form recorded ({@code recordsSha256}): SHA-256 over the rows'
     * lines in id order. Written no more; kept to verify those entries.
     */
    static MessageDigest rowsDigest() {
        return Digests.sha256();
    }

    static void addRow(MessageDigest digest, UUID id, String contentSha256) {
        digest.update(row(id, contentSha256));
    }

}
