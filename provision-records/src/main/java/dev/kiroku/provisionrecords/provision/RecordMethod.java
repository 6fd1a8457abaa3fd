package dev.kiroku.provisionrecords.provision;

/** How the record is made (APPI Rule 19 / Rule 23). */
public enum RecordMethod {
    /** A record for each provision, made promptly (Rule 19(2) main text). */
    PER_EVENT,
    /** One record for continuous or repeated provision to the same party over a period (Rule 19(2) proviso). */
    BULK,
    /** A contract or other document that holds every required item serves as the record (Rule 19(3)). */
    CONTRACT
}
