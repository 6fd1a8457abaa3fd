package dev.kiroku.platform.audit.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A C2SP {@code tlog-cosignature} (cosignature/v1): a witness's Ed25519 signature over
 * {@code cosignature/v1\ntime <unix seconds>\n} followed by the checkpoint body, stating that the witness saw this
 * tree and that it is consistent with every earlier tree it saw from that origin. On the wire it is a signed-note
 * signature line {@code — <witness name> <base64(key id ‖ 8-byte big-endian time ‖ 64-byte signature)>}, which can be
 * appended to the log's own signed note.
 *
 * @param witness the witness's key name
 * @param time    when the witness cosigned (Unix seconds)
 * @param line    the signature line, ending in a newline
 */
public record Cosignature(String witness, long time, String line) {

    private static final String DASH = "\u2014 ";

    /** The message a witness signs for {@code checkpoint} at {@code time}. */
    static byte[] message(Checkpoint checkpoint, long time) {
        return ("cosignature/v1\ntime " + time + "\n" + checkpoint.body()).getBytes(StandardCharsets.UTF_8);
    }

    /** Cosigns a checkpoint with a witness's cosigning key ({@link NoteKey#cosigning}). */
    public static Cosignature sign(Checkpoint checkpoint, NoteKey witness, long time) {
        if (time < 0) {
            throw new IllegalArgumentException("a cosignature's time is Unix seconds");
        }
        byte[] sig = witness.sign(message(checkpoint, time));
        ByteBuffer blob = ByteBuffer.allocate(4 + 8 + sig.length);
        blob.put(witness.keyId()).putLong(time).put(sig);
        return new Cosignature(witness.name(), time,
                DASH + witness.name() + " " + Base64.getEncoder().encodeToString(blob.array()) + "\n");
    }

    /**
     * The cosignature of {@code checkpoint} by {@code witness} in one signature line (with or without its newline);
     * refuses (NoteException) a line by another key, of another form, or whose signature does not verify.
     */
    public static Cosignature verify(String line, Checkpoint checkpoint, NoteKey witness) {
        String text = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        if (!text.startsWith(DASH) || text.contains("\n")) {
            throw new NoteException("a cosignature is one line '— <witness name> <base64 signature>'");
        }
        String[] parts = text.substring(DASH.length()).split(" ", -1);
        if (parts.length != 2 || !parts[0].equals(witness.name())) {
            throw new NoteException("the line is not a cosignature by " + witness.name());
        }
        byte[] blob = SignedNote.strictBase64(parts[1]);
        if (blob == null || blob.length != 4 + 8 + 64) {
            throw new NoteException("a cosignature is the base64 of a key id, a time and an Ed25519 signature");
        }
        if (!Arrays.equals(Arrays.copyOf(blob, 4), witness.keyId())) {
            throw new NoteException("the cosignature is by another key of " + witness.name());
        }
        long time = ByteBuffer.wrap(blob, 4, 8).getLong();
        if (time < 0 || !witness.verify(message(checkpoint, time), Arrays.copyOfRange(blob, 12, blob.length))) {
            throw new NoteException("the cosignature by " + witness.name() + " does not verify for this checkpoint");
        }
        return new Cosignature(witness.name(), time, text + "\n");
    }
}
