package dev.kiroku.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.erdtman.jcs.JsonCanonicalizer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The log's leaf encoding: the canonical JSON of an entry, canonicalised per RFC 8785 (JCS, by the reference implementation {@code java-json-canonicalization}), so anyone
 * can recompute it from the stored columns.
 */
final class AuditHashing {

    private static final HexFormat HEX = HexFormat.of();

    private AuditHashing() {
    }

    /** RFC 8785 canonical form of any JSON-serialisable value. */
    static String canonical(ObjectMapper json, Object value) {
        try {
            return new JsonCanonicalizer(json.writeValueAsString(value)).getEncodedString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit content is not serialisable as JSON", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("audit content is not canonicalisable JSON", e);
        }
    }

    /**
     * The Merkle leaf of an entry: the UTF-8 of the RFC 8785 canonical JSON of every stored column but the legacy
     * chain hashes ({@code seq, entryId, recordedAt} (ISO-8601 UTC), {@code actor, action, aggregateType, aggregateId,
     * reason, content} (the canonical JSON text of the change, as a string)). The log hashes it as
     * {@code SHA-256(0x00 ‖ leaf)}; anyone can rebuild it from an entry.
     */
    static byte[] leaf(ObjectMapper json, AuditEntry e) {
        return leaf(json, e.seq(), e.entryId().toString(), e.recordedAt().toInstant(), e.actor(), e.action(),
                e.aggregateType(), e.aggregateId(), e.reason(), e.content());
    }

    static byte[] leaf(ObjectMapper json, long seq, String entryId, java.time.Instant recordedAt, String actor,
                       String action, String aggregateType, String aggregateId, String reason, String content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("seq", seq);
        body.put("entryId", entryId);
        body.put("recordedAt", DateTimeFormatter.ISO_INSTANT.format(recordedAt));
        body.put("actor", actor);
        body.put("action", action);
        body.put("aggregateType", aggregateType);
        body.put("aggregateId", aggregateId);
        body.put("reason", reason);
        body.put("content", content);
        return canonical(json, body).getBytes(StandardCharsets.UTF_8);
    }

    /** Mac lookups search the providers; each thread keeps one instance and re-keys it. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    static String hmacSha256(byte[] key, String text) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
