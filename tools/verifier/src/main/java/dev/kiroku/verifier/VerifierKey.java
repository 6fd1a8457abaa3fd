package dev.kiroku.verifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A C2SP signed-note verifier key {@code <name>+<key id hex>+<base64(0x01 ‖ Ed25519 public key)>}; the key id is the
 * first four bytes of {@code SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)} and must match the text.
 */
record VerifierKey(String name, byte[] keyId, PublicKey key) {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32 raw key bytes. */
    private static final byte[] SPKI = HexFormat.of().parseHex("302a300506032b6570032100");

    static VerifierKey parse(String text) {
        String[] parts = text.trim().split("\\+", 3);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[1].matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("a verifier key is <name>+<8 hex digits>+<base64 key>");
        }
        byte[] typed = Base64s.strict(parts[2]);
        if (typed == null || typed.length != 33 || typed[0] != 0x01) {
            throw new IllegalArgumentException("only Ed25519 verifier keys (type 0x01, 32 bytes) are supported");
        }
        byte[] raw = Arrays.copyOfRange(typed, 1, 33);
        byte[] idInput = new byte[parts[0].getBytes(StandardCharsets.UTF_8).length + 1 + 33];
        byte[] name = parts[0].getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, idInput, 0, name.length);
        idInput[name.length] = 0x0A;
        System.arraycopy(typed, 0, idInput, name.length + 1, 33);
        byte[] id = Arrays.copyOf(Merkle.sha256(idInput), 4);
        if (!HexFormat.of().formatHex(id).equals(parts[1])) {
            throw new IllegalArgumentException("the key id in the verifier key does not match its name and key");
        }
        byte[] der = Arrays.copyOf(SPKI, SPKI.length + 32);
        System.arraycopy(raw, 0, der, SPKI.length, 32);
        try {
            return new VerifierKey(parts[0], id, KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
    }

    /** The verifier key text of an Ed25519 public key under a name. */
    static String text(String name, byte[] raw) {
        byte[] typed = new byte[33];
        typed[0] = 0x01;
        System.arraycopy(raw, 0, typed, 1, 32);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] idInput = Arrays.copyOf(n, n.length + 1 + 33);
        idInput[n.length] = 0x0A;
        System.arraycopy(typed, 0, idInput, n.length + 1, 33);
        return name + "+" + HexFormat.of().formatHex(Arrays.copyOf(Merkle.sha256(idInput), 4)) + "+"
                + java.util.Base64.getEncoder().encodeToString(typed);
    }

    boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key);
            ed.update(message);
            return ed.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    String text() {
        return name + "+" + HexFormat.of().formatHex(keyId);
    }
}
