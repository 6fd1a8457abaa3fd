package dev.kiroku.platform.audit.note;

/** A signed note or checkpoint that cannot be read or whose signature does not hold. */
public class NoteException extends RuntimeException {

    public NoteException(String message) {
        super(message);
    }
}
