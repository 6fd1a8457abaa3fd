package dev.kiroku.platform.audit.note;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 key of C2SP {@code signed-note}, by the JDK's own EdDSA (JEP 339): its name, its key id (the first four
 * bytes of {@code SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)}) and its verifier key text
 * {@code <name>+<key id hex>+<base64(0x01 ‖ public key)>}. A signing key also holds the private half.
 */
public final class NoteKey {

    /** The signature-type byte of Ed25519 in signed notes. */
    static final byte ED25519 = 0x01;
    /** The signature-type byte of C2SP {@code tlog-cosignature} (cosignature/v1, Ed25519 with a timestamp). */
    static final byte COSIGNATURE_V1 = 0x04;
    /** The DER prefix of an X.509 SubjectPublicKeyInfo holding a raw 32-byte Ed25519 key (RFC 8410). */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String name;
    private final byte type;
    private final byte[] publicKey;
    private final byte[] keyId;
    private final PublicKey verifying;
    private final PrivateKey signing;

    private NoteKey(String name, byte[] publicKey, PrivateKey signing) {
        this(name, ED25519, publicKey, signing);
    }

    private NoteKey(String name, byte type, byte[] publicKey, PrivateKey signing) {
        if (name.isEmpty() || name.contains("+") || name.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a key name is non-empty, without '+', spaces or control characters");
        }
        this.name = name;
        this.type = type;
        this.publicKey = publicKey.clone();
        this.keyId = keyId(name, type, publicKey);
        this.verifying = publicKey(publicKey);
        this.signing = signing;
    }

    /**
     * The signing key whose private half is the 32-byte Ed25519 seed (RFC 8032 §5.1.5). The JDK derives a public key
     * only while generating a pair, so the seed is handed to the generator as its randomness (it draws exactly the
     * 32 private-key bytes), and the pair is checked by signing and verifying once.
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
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] encoded = pair.getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            NoteKey key = new NoteKey(name, type, raw, pair.getPrivate());
            byte[] probe = "kiroku signed-note key check".getBytes(StandardCharsets.UTF_8);
            if (!key.verify(probe, key.sign(probe))) {
                throw new IllegalStateException("the Ed25519 key pair does not verify its own signature");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is unavailable", e);
        }
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

    private static PublicKey publicKey(byte[] raw) {
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new NoteException("not an Ed25519 public key");
        }
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
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(signing);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    boolean verify(byte[] message, byte[] sig) {
        if (sig.length != 64) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(verifying);
            signature.update(message);
            return signature.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Hands the seed to the key-pair generator as the 32 bytes it draws. */
    private static final class SeedRandom extends SecureRandom {
        private final byte[] seed;
        private boolean used;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 generator drew other than one 32-byte private key");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
            used = true;
        }
    }
}
