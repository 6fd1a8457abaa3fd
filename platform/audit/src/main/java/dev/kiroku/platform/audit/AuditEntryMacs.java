package dev.kiroku.platform.audit;

import dev.kiroku.platform.persistence.CryptoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Authenticates each entry of the log with a key the database does not hold (issue 13): {@code mac} =
 * HMAC-SHA256(K, seq as 8 bytes big-endian ‖ leaf hash), K = HMAC-SHA256(the log's signing seed,
 * {@value #LABEL}). A checkpoint's signature authenticates the leaves it covers; the MAC authenticates the leaves no
 * checkpoint covers yet, so an entry inserted into the database behind the service's back (with its leaf and nodes,
 * so the tree itself is consistent) is refused by the signer and named by verification instead of being signed into
 * the next checkpoint. The MAC is not part of the leaf: the log's format and its proofs are unchanged, and an outside
 * verifier needs no secret.
 * <p>
 * A MAC by a retired signing key ({@code kiroku.crypto.audit-retired-signing-keys}) is accepted too, so that during a
 * rolling key rotation the entries of instances still running with the previous key are signed by the new one.
 */
@ApplicationScoped
public class AuditEntryMacs {

    /** The derivation label of the MAC key (domain separation from the signatures made with the same seed). */
    static final String LABEL = "kiroku audit entry authentication v1";

    private final byte[] current;
    private final List<byte[]> accepted;

    @Inject
    public AuditEntryMacs(CryptoConfig crypto) {
        this(seed(crypto.auditSigningKey().orElseThrow(() -> new IllegalStateException(
                        "the key kiroku.crypto.audit-signing-key (environment KIROKU_CRYPTO_AUDIT_SIGNING_KEY) is not "
                                + "set: the audit log cannot authenticate its entries (k8s/README.md)")),
                        "kiroku.crypto.audit-signing-key"),
                crypto.auditRetiredSigningKeys().orElse(List.of()).stream()
                        .map(s -> seed(s, "kiroku.crypto.audit-retired-signing-keys")).toList());
    }

    AuditEntryMacs(byte[] seed, List<byte[]> retiredSeeds) {
        this.current = key(seed);
        List<byte[]> keys = new ArrayList<>();
        keys.add(current);
        retiredSeeds.forEach(s -> keys.add(key(s)));
        this.accepted = List.copyOf(keys);
    }

    /** The MAC of leaf {@code seq} with this leaf hash, by the current key. */
    public byte[] mac(long seq, byte[] leafHash) {
        return mac(current, seq, leafHash);
    }

    /** Whether the MAC authenticates leaf {@code seq} with this leaf hash, by the current or a retired key. */
    public boolean authenticates(long seq, byte[] leafHash, byte[] mac) {
        if (mac == null || leafHash == null) {
            return false;
        }
        for (byte[] key : accepted) {
            if (MessageDigest.isEqual(mac(key, seq, leafHash), mac)) {
                return true;
            }
        }
        return false;
    }

    /** The MAC key of a signing seed. */
    static byte[] key(byte[] seed) {
        return hmac(seed, LABEL.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] mac(byte[] key, long seq, byte[] leafHash) {
        return hmac(key, ByteBuffer.allocate(8 + leafHash.length).putLong(seq).put(leafHash).array());
    }

    /** The 32-byte seed of a base64 key setting. */
    static byte[] seed(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64 of 32 bytes");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(setting + " is not base64 of 32 bytes");
        }
        return bytes;
    }

    /** Mac lookups search the providers; each thread keeps one instance and re-keys it (appends are a hot path). */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
