package dev.kiroku.platform.audit.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * C2SP {@code signed-note}: the text (ending in a newline), a blank line, then one line per signature,
 * {@code — <key name> <base64(key id ‖ signature)>}. Reading is strict: a malformed signature line refuses the whole
 * note, base64 must be canonical, signatures by unknown keys are skipped, and at least one must be by the given key.
 */
public final class SignedNote {

    private static final String DASH = "\u2014 ";

    private SignedNote() {
    }

    /** The note of {@code text} signed by {@code key}. */
    public static String sign(String text, NoteKey key) {
        requireText(text);
        byte[] sig = key.sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] blob = new byte[4 + sig.length];
        System.arraycopy(key.keyId(), 0, blob, 0, 4);
        System.arraycopy(sig, 0, blob, 4, sig.length);
        return text + "\n" + DASH + key.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    /** The text of a note that {@code key} signed; refuses (NoteException) a note it did not sign or cannot read. */
    public static String open(String note, NoteKey key) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new NoteException("a signed note has its text, a blank line and its signatures");
        }
        String text = note.substring(0, split + 1);
        requireText(text);
        String signatures = note.substring(split + 2);
        if (signatures.isEmpty() || !signatures.endsWith("\n")) {
            throw new NoteException("a signed note ends with signature lines, each ending in a newline");
        }
        boolean verified = false;
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        for (String line : signatures.substring(0, signatures.length() - 1).split("\n", -1)) {
            if (!line.startsWith(DASH)) {
                throw new NoteException("a signature line starts with an em dash and a space");
            }
            String[] parts = line.substring(DASH.length()).split(" ", -1);
            if (parts.length != 2 || parts[0].isEmpty()) {
                throw new NoteException("a signature line is '— <key name> <base64 signature>'");
            }
            byte[] blob = strictBase64(parts[1]);
            if (blob == null || blob.length < 5) {
                throw new NoteException("a signature is the base64 of a key id and a signature");
            }
            if (parts[0].equals(key.name()) && Arrays.equals(Arrays.copyOf(blob, 4), key.keyId())) {
                if (!key.verify(message, Arrays.copyOfRange(blob, 4, blob.length))) {
                    throw new NoteException("the signature by " + key.name() + " does not verify");
                }
                verified = true;
            }
        }
        if (!verified) {
            throw new NoteException("the note carries no signature by " + key.name() + "+" + key.keyIdHex());
        }
        return text;
    }

    /** The signed checkpoint in a note, checked against the key and the expected origin. */
    public static Checkpoint openCheckpoint(String note, NoteKey key, String origin) {
        Checkpoint checkpoint = Checkpoint.parse(open(note, key));
        if (!checkpoint.origin().equals(origin)) {
            throw new NoteException("the checkpoint is of origin " + checkpoint.origin() + ", not " + origin);
        }
        return checkpoint;
    }

    /** The note's text from its bytes: strict UTF-8 (malformed bytes refuse the note), then {@link #open}. */
    public static String open(byte[] note, NoteKey key) {
        try {
            return open(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(note)).toString(), key);
        } catch (CharacterCodingException e) {
            throw new NoteException("a signed note is UTF-8 text");
        }
    }

    /** Decodes standard base64 only in its one canonical form (padding and unused bits zero), else {@code null}. */
    public static byte[] strictBase64(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void requireText(String text) {
        if (!text.endsWith("\n") || text.contains("\n\n")
                || text.chars().anyMatch(c -> c < 0x20 && c != '\n' || c == 0x7f || c == 0xFFFD)) {
            throw new NoteException("a note's text is printable UTF-8 lines, each ending in a newline");
        }
    }
}
