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
import java.util.UUID;

/**
 * Encryption of personal fields at rest and their keyed blind index.
 * <ul>
 *   <li>{@link #encrypt}: AES-256-GCM with a random 96-bit nonce; the owning row's id is the associated data, so a
 *   ciphertext copied to another row does not decrypt. Layout: key version (1 byte) | nonce (12) | ciphertext+tag.</li>
 *   <li>{@link #blindIndex}: HMAC-SHA256 under a separate key, for exact lookup without decrypting; without the key
 *   the index cannot be recomputed from a guessed identifier.</li>
 * </ul>
 * Keys come from configuration (a Kubernetes Secret in production), never from code.
 */
public final class FieldCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte keyVersion;
    private final SecretKeySpec dataKey;
    private final SecretKeySpec indexKey;

    /**
     * @param keyVersion the version stamped on new ciphertexts (1–255), so that keys can be rotated later
     * @param dataKey    base64 of 32 random bytes: the AES-256 key
     * @param indexKey   base64 of 32 random bytes: the HMAC key of the blind index
     */
    public FieldCipher(int keyVersion, String dataKey, String indexKey) {
        if (keyVersion < 1 || keyVersion > 255) {
            throw new IllegalArgumentException("key version must be 1..255");
        }
        this.keyVersion = (byte) keyVersion;
        this.dataKey = new SecretKeySpec(key(dataKey, "data key"), "AES");
        this.indexKey = new SecretKeySpec(key(indexKey, "index key"), "HmacSHA256");
    }

    /** A fresh random key, base64 (for generating a local development key). */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public byte[] encrypt(String plaintext, UUID owner) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(owner));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(keyVersion).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] ciphertext, UUID owner) {
        if (ciphertext == null) {
            return null;
        }
        if (ciphertext.length < 1 + NONCE_BYTES + TAG_BITS / 8 || ciphertext[0] != keyVersion) {
            throw new IllegalStateException("ciphertext has an unknown key version or is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, ciphertext, 1, NONCE_BYTES));
            cipher.updateAAD(aad(owner));
            byte[] plain = cipher.doFinal(ciphertext, 1 + NONCE_BYTES, ciphertext.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: wrong key, wrong row or altered ciphertext", e);
        }
    }

    /** The keyed blind index of a value (hex HMAC-SHA256). */
    public String blindIndex(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("blind index failed", e);
        }
    }

    private static byte[] aad(UUID owner) {
        return ByteBuffer.allocate(16).putLong(owner.getMostSignificantBits())
                .putLong(owner.getLeastSignificantBits()).array();
    }

    private static byte[] key(String base64, String what) {
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
