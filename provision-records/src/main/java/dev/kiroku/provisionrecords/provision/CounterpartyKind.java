package dev.kiroku.provisionrecords.provision;

/** What the counterparty is; a corporation must be identified with its representative on the recipient side. */
public enum CounterpartyKind {
    CORPORATION,
    INDIVIDUAL,
    /** Provided to many unspecified persons (不特定かつ多数の者): the record states that fact (Rule 20(1)). */
    MANY_UNSPECIFIED
}
