package dev.kiroku.platform.audit.note;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * C2SP signed-note and tlog-checkpoint with Ed25519. Golden vectors: the key and note of the reference implementation's
 * documentation ({@code golang.org/x/mod/sumdb/note}, the PeterNeumann example) and the verifier key example of the
 * C2SP signed-note specification, copied as data only.
 */
class SignedNoteTest {

    /** 0x01 ‖ seed of PRIVATE+KEY+PeterNeumann+c74f20a3+… (golang.org/x/mod/sumdb/note). */
    private static final String GO_SIGNER = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String GO_NOTE = GO_TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    private static NoteKey goKey() {
        byte[] typed = Base64.getDecoder().decode(GO_SIGNER);
        return NoteKey.signing("PeterNeumann", Arrays.copyOfRange(typed, 1, 33));
    }

    @Test
    void theReferenceKeyGivesTheReferenceKeyIdVerifierKeyAndSignatureByteForByte() {
        NoteKey key = goKey();
        assertThat(key.keyIdHex()).isEqualTo("c74f20a3");
        assertThat(key.verifierKey()).isEqualTo(GO_VERIFIER);
        assertThat(SignedNote.sign(GO_TEXT, key)).isEqualTo(GO_NOTE);
        assertThat(SignedNote.open(GO_NOTE, NoteKey.verifier(GO_VERIFIER))).isEqualTo(GO_TEXT);
    }

    @Test
    void theSpecificationsVerifierKeyExampleReads() {
        NoteKey key = NoteKey.verifier("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
        assertThat(key.name()).isEqualTo("example.com/foo");
        assertThat(key.keyIdHex()).isEqualTo("530d903a");
        assertThat(SignedNote.open("This is an example message.\n\n\u2014 example.com/foo "
                + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n", key))
                .isEqualTo("This is an example message.\n");
    }

    @Test
    void aVerifierKeyWhoseIdDoesNotMatchItsKeyIsRefused() {
        assertThatThrownBy(() -> NoteKey.verifier("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(NoteException.class);
    }

    /** A verifier key with these 32 public-key bytes, its id left unchecked (the key is refused before it). */
    private static String verifierKeyOf(byte[] publicKey) {
        byte[] typed = new byte[33];
        typed[0] = 0x01;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return "bad+00000000+" + Base64.getEncoder().encodeToString(typed);
    }

    @Test
    void aVerifierKeyThatIsNotAValidPrimeOrderPointIsRefused() {
        byte[] nonCanonical = new byte[32]; // y = p: the non-canonical encoding of y = 0 (RFC 8032 5.1.3)
        Arrays.fill(nonCanonical, (byte) 0xff);
        nonCanonical[0] = (byte) 0xed;
        nonCanonical[31] = 0x7f;
        byte[] offTheCurve = new byte[32]; // y = 2: (y^2 - 1) / (d y^2 + 1) has no square root mod p
        offTheCurve[0] = 2;
        byte[] smallOrder = new byte[32]; // y = 1: the neutral point, under which anyone could forge a signature
        smallOrder[0] = 1;
        for (byte[] key : List.of(nonCanonical, offTheCurve, smallOrder)) {
            assertThatThrownBy(() -> NoteKey.verifier(verifierKeyOf(key)))
                    .isInstanceOf(NoteException.class)
                    .hasMessageContaining("not an Ed25519 public key");
        }
    }

    @Test
    void aCheckpointRoundTripsThroughItsSignedNote() {
        NoteKey key = NoteKey.signing("kiroku.example/provision-records", new byte[32]);
        Checkpoint checkpoint = new Checkpoint("kiroku.example/provision-records", 42, new byte[32]);
        String note = SignedNote.sign(checkpoint.body(), key);
        assertThat(note).startsWith("kiroku.example/provision-records\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n"
                + "\u2014 kiroku.example/provision-records ");
        assertThat(SignedNote.openCheckpoint(note, NoteKey.verifier(key.verifierKey()), checkpoint.origin()))
                .isEqualTo(checkpoint);
        assertThatThrownBy(() -> SignedNote.openCheckpoint(note, key, "another/origin"))
                .isInstanceOf(NoteException.class);
    }

    @Test
    void everySingleBitFlippedInASignedCheckpointIsRefused() {
        NoteKey key = NoteKey.signing("kiroku.example/joint-use", "0123456789abcdef0123456789abcdef".getBytes());
        byte[] root = new byte[32];
        Arrays.fill(root, (byte) 0x5a);
        String origin = "kiroku.example/joint-use";
        byte[] note = SignedNote.sign(new Checkpoint(origin, 1234567, root).body(), key)
                .getBytes(StandardCharsets.UTF_8);
        NoteKey verifier = NoteKey.verifier(key.verifierKey());
        assertThat(SignedNote.open(note, verifier)).isNotEmpty();
        int flips = 0;
        for (int bit = 0; bit < note.length * 8; bit++) {
            byte[] flipped = note.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            final int at = bit;
            assertThatThrownBy(() -> SignedNote.openCheckpoint(
                    new String(flipped, StandardCharsets.UTF_8).equals(new String(note, StandardCharsets.UTF_8))
                            ? "unchanged" : decode(flipped, verifier), verifier, origin))
                    .as("bit %d", at).isInstanceOf(NoteException.class);
            flips++;
        }
        assertThat(flips).isEqualTo(note.length * 8);
    }

    /** Opens the bytes strictly and, if the signature held, hands back the note to be read as a checkpoint. */
    private static String decode(byte[] note, NoteKey key) {
        SignedNote.open(note, key);
        return new String(note, StandardCharsets.UTF_8);
    }
}
