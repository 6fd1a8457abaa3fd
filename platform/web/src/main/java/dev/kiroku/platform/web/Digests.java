package dev.kiroku.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as every service writes it: lower-case hex of the digest, text taken as UTF-8. The stored hashes (audit
 * chain, idempotency fingerprints, report and calendar digests) are these strings, so the output never changes.
 */
public final class Digests {

    private static final HexFormat HEX = HexFormat.of();

    private Digests() {
    }

    /** SHA-256 of the bytes, as 64 lower-case hex digits. */
    public static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(sha256().digest(bytes));
    }

    /** SHA-256 of the text's UTF-8 bytes, as 64 lower-case hex digits. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh SHA-256 digest to feed piece by piece (e.g. through a {@code DigestInputStream}); end with {@link #hex}. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Completes a digest fed piece by piece, as lower-case hex (the digest is reset). */
    public static String hex(MessageDigest digest) {
        return HEX.formatHex(digest.digest());
    }
}
