package dev.kiroku.provisionrecords.disclosure;

/** How a disclosure request was answered. Each is notified to the requester without delay (Art. 33(3)). */
public enum DisclosureOutcome {
    /** The records were disclosed. */
    DISCLOSED,
    /** No record about the subject exists (the requester is told so, Art. 33(3)). */
    NO_RECORDS,
    /** Refused in whole on an Art. 33(2) ground (the requester is told so with reasons, Art. 33(3), 36). */
    REFUSED
}
