package dev.kiroku.platform.devstack;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The C2SP signed-note verifier keys of audit-log signing keys and witness cosigning keys, from their Ed25519 seeds,
 * without a network call and with nothing but the JDK: {@code ./kiroku up} derives the keys each service's log and
 * witness must know of the others' from the generated local keys, and the Kubernetes runbook derives the installation's
 * the same way. Derived exactly as the services derive them (platform/audit {@code NoteKey}): the seed handed to the
 * JDK's Ed25519 key-pair generator as the 32 bytes it draws, the key id the first four bytes of
 * {@code SHA-256(name ‖ 0x0A ‖ type ‖ public key)}, the text {@code <name>+<key id hex>+<base64(type ‖ public key)>},
 * type 0x01 for a log's key (signed-note Ed25519) and 0x04 for a witness's (C2SP tlog-cosignature, cosignature/v1).
 * <p>
 * Reads one key a line from standard input, {@code log <name> <base64 seed>} or {@code witness <name> <base64 seed>}
 * (on standard input so that no private key shows in a process list), and prints its verifier key a line, in order.
 * A single source file, so it also runs unbuilt with the JDK's source launcher:
 * <pre>java platform/dev-stack/src/main/java/dev/kiroku/platform/devstack/AuditKeys.java &lt; keys</pre>
 */
public final class AuditKeys {

    /** The signature type of a log's key: Ed25519 in signed notes. */
    static final byte LOG = 0x01;
    /** The signature type of a witness's key: cosignature/v1 (C2SP tlog-cosignature). */
    static final byte WITNESS = 0x04;

    private AuditKeys() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split(" +");
            try {
                if (parts.length != 3 || !(parts[0].equals("log") || parts[0].equals("witness"))) {
                    throw new IllegalArgumentException("expected 'log|witness <name> <base64 seed>'");
                }
                out.append(verifierKey(parts[1], parts[0].equals("log") ? LOG : WITNESS, seed(parts[2]))).append('\n');
            } catch (IllegalArgumentException e) {
                System.err.println("AuditKeys: line " + number + ": " + e.getMessage());
                System.exit(1);
            }
        }
        System.out.print(out);
    }

    private static byte[] seed(String base64) {
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            seed = new byte[0];
        }
        if (seed.length != 32) {
            throw new IllegalArgumentException("the seed is not base64 of 32 bytes");
        }
        return seed;
    }

    /** {@code <name>+<key id hex>+<base64(type ‖ public key)>} of the Ed25519 key with this seed. */
    public static String verifierKey(String name, byte type, byte[] seed) {
        if (name.isEmpty() || name.contains("+") || name.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a key name is non-empty, without '+', spaces or control characters");
        }
        byte[] publicKey = publicKey(seed);
        byte[] typed = new byte[33];
        typed[0] = type;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x0A);
            sha.update(typed);
            byte[] keyId = Arrays.copyOf(sha.digest(), 4);
            return name + "+" + HexFormat.of().formatHex(keyId) + "+" + Base64.getEncoder().encodeToString(typed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** The raw 32-byte Ed25519 public key of a seed (RFC 8032 §5.1.5), by the JDK's generator fed the seed. */
    static byte[] publicKey(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            byte[] encoded = generator.generateKeyPair().getPublic().getEncoded();
            return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is unavailable", e);
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
