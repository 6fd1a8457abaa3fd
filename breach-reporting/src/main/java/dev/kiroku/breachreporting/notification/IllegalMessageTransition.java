package dev.kiroku.breachreporting.notification;

/** An outbox row asked to move where its state does not allow (409). */
public class IllegalMessageTransition extends RuntimeException {

    private final MessageStatus status;

    public IllegalMessageTransition(String what, MessageStatus status) {
        super("A notice that is " + status + " cannot be " + what);
        this.status = status;
    }

    public MessageStatus status() {
        return status;
    }
}
