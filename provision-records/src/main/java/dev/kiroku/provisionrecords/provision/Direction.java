package dev.kiroku.provisionrecords.provision;

/** Which side of a provision the business is on. */
public enum Direction {
    /** The business provided personal data to a third party: a provider record (APPI Art. 29). */
    PROVIDED,
    /** The business received personal data from a third party: a confirmation record (APPI Art. 30). */
    RECEIVED
}
