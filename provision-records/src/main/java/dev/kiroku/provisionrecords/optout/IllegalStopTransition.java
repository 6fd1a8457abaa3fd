package dev.kiroku.provisionrecords.optout;

/** A change an opt-out stop does not allow in its current state (answered 409). */
public class IllegalStopTransition extends RuntimeException {

    public IllegalStopTransition(String message) {
        super(message, null, false, false);
    }
}
