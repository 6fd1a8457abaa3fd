package dev.kiroku.provisionrecords.provision;

/**
 * One event of a batch as it was read: the event (null where the batch held a JSON null), or the reason it could not
 * be read as an event at all (an unknown enum value, a malformed date, a value of the wrong type...). Each event is
 * read on its own, so an unreadable one is that event's refusal and the others go on.
 */
public sealed interface BatchEvent {

    /** Read as an event; its shape and the law are checked next. */
    record Read(ProvisionEvent event) implements BatchEvent {
    }

    /** Not readable as an event: its key when the item carried one as text, and which fields could not be read. */
    record Unreadable(String clientEventId, EventRefusal.Invalid refusal) implements BatchEvent {
    }
}
