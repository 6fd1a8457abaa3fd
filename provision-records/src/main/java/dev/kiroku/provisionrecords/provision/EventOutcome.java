package dev.kiroku.provisionrecords.provision;

/**
 * What became of one event of a create, a correction or a batch: recorded, a repeat of an earlier event with the same
 * key (answered with the record first created), or refused with its reason.
 */
public sealed interface EventOutcome {

    /** The event's position in its request. */
    int index();

    /** The event's idempotency key, when it has one. */
    String clientEventId();

    /** Recorded now. */
    record Accepted(int index, String clientEventId, ProvisionRecord record) implements EventOutcome {
    }

    /** Recorded before with the same key and content: the record first created. */
    record Duplicate(int index, String clientEventId, ProvisionRecord record) implements EventOutcome {
    }

    /** Not recorded, and why. */
    record Rejected(int index, String clientEventId, EventRefusal refusal) implements EventOutcome {
    }
}
