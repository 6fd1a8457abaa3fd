package dev.kiroku.platform.audit.note;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 key of C2SP {@code signed-note}: its name, its key id (the first four bytes of
 * {@code SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)}) and its verifier key text
 * {@code <name>+<key id hex>+<base64(0x01 ‖ public key)>}. A signing key also holds the private half.
 * <p>
 * RFC 8032 Ed25519 (pure; S below the group order and R canonical; a public key must be a canonical point of the
 * prime-order subgroup, so small-order and off-curve keys are refused when read) by Bouncy Castle's
 * {@code rfc8032.Ed25519}, not the JDK's EdDSA provider: on Java 17 the JDK's takes about 0.5 ms to sign or verify on
 * this project's two-core machine, Bouncy Castle's about 0.06 ms (measured warm, 5,000 of each), and a service signs
 * its log's checkpoint up to five times a second, cosigns the other logs' and verifies their notes and its
 * witnesses' cosignatures every second, all on the cores its requests run on. The public point is decoded and
 * validated once per key, not at every verification. The offline verifier ({@code tools/verifier}) keeps the JDK's
 * implementation: a second, independent implementation checks the first. The two can disagree only on a signature
 * whose R carries a small-order component, which Bouncy Castle's cofactored check accepts and the JDK's cofactorless
 * one refuses; only the key's holder can make one, and RFC 8032 signing never does.
 */
public final class NoteKey {

    /** The signature-type byte of Ed25519 in signed notes. */
    static final byte ED25519 = 0x01;
    /** The signature-type byte of C2SP {@code tlog-cosignature} (cosignature/v1, Ed25519 with a timestamp). */
    static final byte COSIGNATURE_V1 = 0x04;
    private final String name;
    private final byte type;
    private final byte[] publicKey;
    private final byte[] keyId;
    private final Ed25519.PublicPoint verifying;
    /** The 32-byte seed (RFC 8032 §5.1.5), or null for a verifier key. */
    private final byte[] signing;

    private NoteKey(String name, byte type, byte[] publicKey, byte[] signing) {
        if (name.isEmpty() || name.contains("+") || name.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a key name is non-empty, without '+', spaces or control characters");
        }
        this.name = name;
        this.type = type;
        this.publicKey = publicKey.clone();
        this.keyId = keyId(name, type, publicKey);
        this.verifying = publicPoint(publicKey);
        this.signing = signing == null ? null : signing.clone();
    }

    /**
     * The signing key whose private half is the 32-byte Ed25519 seed (RFC 8032 §5.1.5); the pair is checked by signing
     * and verifying once.
     */
    public static NoteKey signing(String name, byte[] seed) {
        return signing(name, ED25519, seed);
    }

    /**
     * A witness's cosigning key (C2SP {@code tlog-cosignature}, type 0x04): the same Ed25519 seed handling as
     * {@link #signing}, a key id over the type byte 0x04, so it never verifies a log's own signature and back.
     */
    public static NoteKey cosigning(String name, byte[] seed) {
        return signing(name, COSIGNATURE_V1, seed);
    }

    private static NoteKey signing(String name, byte type, byte[] seed) {
        if (seed == null || seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 private key is 32 bytes");
        }
        byte[] raw = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, raw, 0);
        NoteKey key = new NoteKey(name, type, raw, seed);
        byte[] probe = "kiroku signed-note key check".getBytes(StandardCharsets.UTF_8);
        if (!key.verify(probe, key.sign(probe))) {
            throw new IllegalStateException("the Ed25519 key pair does not verify its own signature");
        }
        return key;
    }

    /** A key from its verifier key text {@code <name>+<key id hex>+<base64(0x01 ‖ public key)>}. */
    public static NoteKey verifier(String verifierKey) {
        return verifier(verifierKey, ED25519);
    }

    /** A witness's cosignature verifier key {@code <name>+<key id hex>+<base64(0x04 ‖ public key)>}. */
    public static NoteKey cosignatureVerifier(String verifierKey) {
        return verifier(verifierKey, COSIGNATURE_V1);
    }

    private static NoteKey verifier(String verifierKey, byte type) {
        String[] parts = verifierKey.trim().split("\\+", 3);
        if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
            throw new NoteException("a verifier key is <name>+<8 hex digits>+<base64 key>");
        }
        byte[] typed = SignedNote.strictBase64(parts[2]);
        if (typed == null || typed.length != 33 || typed[0] != type) {
            throw new NoteException(type == ED25519
                    ? "the verifier key is not an Ed25519 key (0x01 followed by 32 bytes)"
                    : "the verifier key is not a cosignature/v1 key (0x04 followed by 32 bytes)");
        }
        NoteKey key;
        try {
            key = new NoteKey(parts[0], type, Arrays.copyOfRange(typed, 1, 33), null);
        } catch (IllegalArgumentException e) {
            throw new NoteException(e.getMessage());
        }
        if (!HexFormat.of().formatHex(key.keyId).equals(parts[1])) {
            throw new NoteException("the verifier key's id does not match its name and key");
        }
        return key;
    }

    static byte[] keyId(String name, byte[] publicKey) {
        return keyId(name, ED25519, publicKey);
    }

    static byte[] keyId(String name, byte type, byte[] publicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x0A);
            sha.update(type);
            return Arrays.copyOf(sha.digest(publicKey), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The decoded public point; refuses an encoding that is not a point of the curve of the group's order. */
    private static Ed25519.PublicPoint publicPoint(byte[] raw) {
        Ed25519.PublicPoint point = raw.length == Ed25519.PUBLIC_KEY_SIZE
                ? Ed25519.validatePublicKeyFullExport(raw, 0) : null;
        if (point == null) {
            throw new NoteException("not an Ed25519 public key");
        }
        return point;
    }

    public String name() {
        return name;
    }

    /** The four-byte key id. */
    public byte[] keyId() {
        return keyId.clone();
    }

    /** The key id in hex, as in the verifier key. */
    public String keyIdHex() {
        return HexFormat.of().formatHex(keyId);
    }

    /** The 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** {@code <name>+<key id hex>+<base64(0x01 ‖ public key)>}. */
    public String verifierKey() {
        byte[] typed = new byte[33];
        typed[0] = type;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** Whether this key can sign. */
    public boolean canSign() {
        return signing != null;
    }

    byte[] sign(byte[] message) {
        if (signing == null) {
            throw new IllegalStateException("a verifier key cannot sign");
        }
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(signing, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    boolean verify(byte[] message, byte[] sig) {
        if (sig.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        return Ed25519.verify(sig, 0, verifying, message, 0, message.length);
    }
}
