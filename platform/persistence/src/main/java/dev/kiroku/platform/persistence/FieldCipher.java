package dev.kiroku.platform.persistence;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Encryption of personal fields at rest and their keyed blind index, following the key contract of the operations
 * runbook (k8s/README.md, "Rotating the encryption key"):
 * <ul>
 *   <li>{@link #encrypt}: AES-256-GCM under the current key, random 96-bit nonce; the owning row's id is the
 *   associated data, so a ciphertext copied to another row does not decrypt. Layout: key-id length (1 byte) | key id
 *   (ASCII) | nonce (12) | ciphertext+tag. {@link #decrypt} accepts the current key and every retired one, so a key
 *   can be rotated without losing data.</li>
 *   <li>{@link #blindIndex}: HMAC-SHA256 under a separate index key, for exact lookup without decrypting; without
 *   the key the index cannot be recomputed from a guessed identifier. The index key is not rotated (a new one would
 *   orphan every index).</li>
 * </ul>
 * Keys come from configuration (a Kubernetes Secret in production), never from code.
 */
public final class FieldCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final SecretKeySpec indexKey;
    /** Cipher and Mac lookups are costly (provider search); each thread keeps its own instances. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(FieldCipher::newCipher);
    private final ThreadLocal<Mac> macs;

    /**
     * @param currentKey  {@code <id>:<base64 of 32 random bytes>}: the key that encrypts
     * @param retiredKeys earlier keys in the same form: used to decrypt only
     * @param indexKey    base64 of 32 random bytes: the HMAC key of the blind index
     */
    public FieldCipher(String currentKey, List<String> retiredKeys, String indexKey) {
        this.currentId = add(currentKey, "current key");
        for (String retired : retiredKeys) {
            if (!retired.isBlank()) {
                add(retired.strip(), "retired key");
            }
        }
        this.indexKey = new SecretKeySpec(bytes(indexKey, "index key"), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A fresh random key, base64 (for generating local development keys). */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The id of the key that encrypts. */
    public String currentKeyId() {
        return currentId;
    }

    public byte[] encrypt(String plaintext, UUID owner) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(owner));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] id = currentId.getBytes(StandardCharsets.US_ASCII);
            return ByteBuffer.allocate(1 + id.length + NONCE_BYTES + sealed.length)
                    .put((byte) id.length).put(id).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] ciphertext, UUID owner) {
        if (ciphertext == null) {
            return null;
        }
        int idLength = ciphertext.length == 0 ? 0 : ciphertext[0];
        if (idLength < 1 || ciphertext.length < 1 + idLength + NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("ciphertext is truncated or has no key id");
        }
        String id = new String(ciphertext, 1, idLength, StandardCharsets.US_ASCII);
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("ciphertext under key '" + id + "', which is neither the current key nor "
                    + "a retired one");
        }
        int offset = 1 + idLength;
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, offset, NONCE_BYTES));
            cipher.updateAAD(aad(owner));
            byte[] plain = cipher.doFinal(ciphertext, offset + NONCE_BYTES, ciphertext.length - offset - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: wrong key, wrong row or altered ciphertext", e);
        }
    }

    /** The keyed blind index of a value (hex HMAC-SHA256). */
    public String blindIndex(String value) {
        return HexFormat.of().formatHex(macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private String add(String idAndKey, String what) {
        int colon = idAndKey == null ? -1 : idAndKey.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("the " + what + " must read <id>:<base64 of 32 random bytes>");
        }
        String id = idAndKey.substring(0, colon);
        if (!id.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalArgumentException("the " + what + "'s id must be 1-32 letters, digits, '.', '_' or '-'");
        }
        if (keys.put(id, new SecretKeySpec(bytes(idAndKey.substring(colon + 1), what), "AES")) != null) {
            throw new IllegalArgumentException("key id '" + id + "' is given twice");
        }
        return id;
    }

    private static byte[] aad(UUID owner) {
        return ByteBuffer.allocate(16).putLong(owner.getMostSignificantBits())
                .putLong(owner.getLeastSignificantBits()).array();
    }

    private static byte[] bytes(String base64, String what) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("the " + what + " must be 32 bytes (base64 of 32 random bytes)");
        }
        return key;
    }
}
