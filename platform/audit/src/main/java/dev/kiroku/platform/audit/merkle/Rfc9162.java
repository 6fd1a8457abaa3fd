package dev.kiroku.platform.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashing of RFC 9162 §2.1.1 (the same as RFC 6962 §2.1): a leaf hashes as {@code SHA-256(0x00 ‖ leaf)}, an
 * interior node as {@code SHA-256(0x01 ‖ left ‖ right)}, the empty tree as {@code SHA-256()}.
 */
public final class Rfc9162 {

    /** Every hash of the tree is a SHA-256 output. */
    public static final int HASH_SIZE = 32;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    });

    private Rfc9162() {
    }

    /** {@code MTH({})}: the hash of the empty tree. */
    public static byte[] emptyRoot() {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest();
    }

    /** {@code MTH({d(0)}) = SHA-256(0x00 ‖ d(0))}. */
    public static byte[] leafHash(byte[] leaf) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update((byte) 0x00);
        return digest.digest(leaf);
    }

    /** {@code SHA-256(0x01 ‖ left ‖ right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update((byte) 0x01);
        digest.update(left);
        return digest.digest(right);
    }
}
