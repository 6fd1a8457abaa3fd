package dev.kiroku.platform.audit.note;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A C2SP {@code tlog-checkpoint} body: the log's origin line, the tree size in decimal, the root hash in base64, each
 * ending in a newline (no extension lines are written; they are refused when read, as this log writes none).
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        if (origin.isEmpty() || origin.chars().anyMatch(c -> c < 0x21 || c == 0x7f) ) {
            throw new IllegalArgumentException("an origin is one line of printable text without spaces");
        }
        if (size < 0 || rootHash == null || rootHash.length != 32) {
            throw new IllegalArgumentException("a checkpoint has a size ≥ 0 and a 32-byte root hash");
        }
        rootHash = rootHash.clone();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The body as signed: {@code origin\nsize\nbase64(root)\n}. */
    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** Reads a body; refuses anything that is not exactly the three lines this log writes. */
    public static Checkpoint parse(String body) {
        if (!body.endsWith("\n")) {
            throw new NoteException("a checkpoint ends with a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length != 3) {
            throw new NoteException("a checkpoint of this log has exactly three lines (origin, size, root hash)");
        }
        if (!DECIMAL.matcher(lines[1]).matches()) {
            throw new NoteException("the tree size is not a decimal number");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new NoteException("the tree size is out of range");
        }
        byte[] root = SignedNote.strictBase64(lines[2]);
        if (root == null || root.length != 32) {
            throw new NoteException("the root hash is not the base64 of 32 bytes");
        }
        try {
            return new Checkpoint(lines[0], size, root);
        } catch (IllegalArgumentException e) {
            throw new NoteException(e.getMessage());
        }
    }

    /** The body's bytes (UTF-8). */
    public byte[] bodyBytes() {
        return body().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.origin.equals(origin) && c.size == size
                && Arrays.equals(c.rootHash, rootHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, Arrays.hashCode(rootHash));
    }

    @Override
    public String toString() {
        return body();
    }
}
