package dev.kiroku.platform.audit.note;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * C2SP tlog-cosignature (cosignature/v1). The golden line was computed outside Java and outside this code base (Python's
 * {@code cryptography} package, Ed25519 over {@code cosignature/v1\ntime <t>\n} and the checkpoint, the key id over
 * the type byte 0x04), so the format is checked against an independent producer, byte for byte.
 */
class CosignatureTest {

    /** TEST-ONLY seed, the ASCII of "test-only-audit-witness-seed-32b" (also the test app's witness key). */
    private static final byte[] SEED = "test-only-audit-witness-seed-32b".getBytes(StandardCharsets.US_ASCII);
    private static final String NAME = "kiroku.localhost/kiroku-platform-audit/witness";
    private static final String VERIFIER = NAME + "+32f0a84f+BNaBBao1EdfEHodEE/3mTauYpp99Iqia4J/s6C1qS3EK";
    private static final Checkpoint CHECKPOINT = new Checkpoint("kiroku.test/remote-log", 42,
            Base64.getDecoder().decode("TOEuEho90krW0geuQG2ADzfHGcGVmjT97gDQa0W8Fd8="));
    private static final long TIME = 1764896400L;
    private static final String GOLDEN = "\u2014 " + NAME + " MvCoTwAAAABpMi6QMGs68b6MiUX0X42D4rn9nAa53StiiHGBOsiWK8m0"
            + "x1c7FXaAJzbgOe6zR6mEhCoNojIotIXcv+3kIsAdedjSBw==\n";

    @Test
    void aCosignatureIsTheIndependentlyComputedLineByteForByteAndVerifies() {
        NoteKey witness = NoteKey.cosigning(NAME, SEED);
        assertThat(witness.verifierKey()).isEqualTo(VERIFIER);
        Cosignature cosignature = Cosignature.sign(CHECKPOINT, witness, TIME);
        assertThat(cosignature.line()).isEqualTo(GOLDEN);
        Cosignature verified = Cosignature.verify(GOLDEN, CHECKPOINT, NoteKey.cosignatureVerifier(VERIFIER));
        assertThat(verified.time()).isEqualTo(TIME);
        assertThat(verified.witness()).isEqualTo(NAME);
    }

    @Test
    void everySingleBitFlippedInTheCosignatureIsRefused() {
        NoteKey key = NoteKey.cosignatureVerifier(VERIFIER);
        String prefix = "\u2014 " + NAME + " ";
        byte[] blob = Base64.getDecoder().decode(GOLDEN.substring(prefix.length(), GOLDEN.length() - 1));
        for (int bit = 0; bit < blob.length * 8; bit++) {
            byte[] flipped = blob.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            String line = prefix + Base64.getEncoder().encodeToString(flipped) + "\n";
            assertThatThrownBy(() -> Cosignature.verify(line, CHECKPOINT, key)).isInstanceOf(NoteException.class);
        }
    }

    @Test
    void aCosignatureHoldsForItsCheckpointOnlyAndUnderTheWitnessKeyOnly() {
        NoteKey key = NoteKey.cosignatureVerifier(VERIFIER);
        Checkpoint otherSize = new Checkpoint(CHECKPOINT.origin(), 43, CHECKPOINT.rootHash());
        assertThatThrownBy(() -> Cosignature.verify(GOLDEN, otherSize, key)).isInstanceOf(NoteException.class);
        Checkpoint otherOrigin = new Checkpoint("kiroku.test/another-log", 42, CHECKPOINT.rootHash());
        assertThatThrownBy(() -> Cosignature.verify(GOLDEN, otherOrigin, key)).isInstanceOf(NoteException.class);
        NoteKey sameSeedOtherName = NoteKey.cosigning("kiroku.test/another-witness", SEED);
        assertThatThrownBy(() -> Cosignature.verify(GOLDEN, CHECKPOINT, sameSeedOtherName))
                .isInstanceOf(NoteException.class);
        // the same seed as a log's note key (type 0x01) has another key id: neither key stands in for the other
        NoteKey noteKey = NoteKey.signing(NAME, SEED);
        assertThat(noteKey.keyIdHex()).isNotEqualTo(key.keyIdHex());
        assertThatThrownBy(() -> NoteKey.cosignatureVerifier(noteKey.verifierKey())).isInstanceOf(NoteException.class);
        assertThatThrownBy(() -> NoteKey.verifier(VERIFIER)).isInstanceOf(NoteException.class);
        assertThatThrownBy(() -> Cosignature.verify("— " + NAME + " AAAA\n", CHECKPOINT, key))
                .isInstanceOf(NoteException.class);
        assertThatThrownBy(() -> Cosignature.verify(GOLDEN.substring(2), CHECKPOINT, key))
                .isInstanceOf(NoteException.class);
    }

    @Test
    void aCosignatureLineAppendedToTheLogsNoteLeavesTheNoteOpenableByTheLogsKey() {
        NoteKey log = NoteKey.signing("kiroku.test/remote-log", "TEST-ONLY remote log seed 32byte".getBytes(
                StandardCharsets.US_ASCII));
        String note = SignedNote.sign(CHECKPOINT.body(), log) + GOLDEN;
        assertThat(SignedNote.openCheckpoint(note, NoteKey.verifier(log.verifierKey()), "kiroku.test/remote-log"))
                .isEqualTo(CHECKPOINT);
    }
}
