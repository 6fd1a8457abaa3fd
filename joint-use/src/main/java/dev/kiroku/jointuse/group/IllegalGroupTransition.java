package dev.kiroku.jointuse.group;

/** An operation the group's current state does not allow (e.g. editing a published group as a draft). */
public class IllegalGroupTransition extends RuntimeException {

    public IllegalGroupTransition(String message) {
        super(message, null, false, false);
    }
}
