package dev.kiroku.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.web.Digests;
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
 * The chain's arithmetic: {@code entryHash = SHA-256(previousHash || canonical JSON of the entry)}, with the JSON
 * canonicalised per RFC 8785 (JCS, by the reference implementation {@code java-json-canonicalization}), so anyone
 * can recompute it from the stored columns.
 */
final class AuditHashing {

    static final String GENESIS = "0".repeat(64);
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

    /** The hash of an entry, over every stored column but the hash itself. */
    static String entryHash(ObjectMapper json, AuditEntry e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("seq", e.seq());
        body.put("entryId", e.entryId().toString());
        body.put("recordedAt", DateTimeFormatter.ISO_INSTANT.format(e.recordedAt().toInstant()));
        body.put("actor", e.actor());
        body.put("action", e.action());
        body.put("aggregateType", e.aggregateType());
        body.put("aggregateId", e.aggregateId());
        body.put("reason", e.reason());
        body.put("content", e.content());
        String canonical = canonical(json, body);
        return Digests.sha256Hex(e.previousHash() + canonical);
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
