package dev.kiroku.verifier;

/** What the verifier concluded about one disclosed or exported record. */
record Verdict(String recordId, Kind kind, String reason) {

    /** Why a record is or is not proven, from the outside (the document) in (the signature). */
    enum Kind {
        VALID,
        /** The document shows a record no receipt is given for. */
        NO_RECEIPT,
        /** The receipt is not a C2SP tlog-proof with a signed checkpoint. */
        MALFORMED,
        /** The checkpoint carries no signature by any key given to the verifier. */
        UNKNOWN_KEY,
        /** A signature by a given key is there and does not verify. */
        BAD_SIGNATURE,
        /** The inclusion proof does not lead to the checkpoint's root. */
        PROOF_DOES_NOT_REACH_ROOT,
        /** The leaf is a batch's: the record's row does not lead up its batch proof to the batch's Merkle root. */
        BATCH_PROOF_DOES_NOT_REACH_ROOT,
        /** The leaf does not name this record's content (or its batch's rows do not, or the proof is of another form). */
        LEAF_MISMATCH,
        /** The record's content or facts do not hash to what the leaf names. */
        CONTENT_MISMATCH,
        /** The facts the document shows differ from the facts that were logged. */
        FACTS_DIFFER
    }

    static Verdict valid(String recordId, String how) {
        return new Verdict(recordId, Kind.VALID, how);
    }

    static Verdict invalid(String recordId, Kind kind, String reason) {
        return new Verdict(recordId, kind, reason);
    }

    boolean isValid() {
        return kind == Kind.VALID;
    }

    /** One line of output: {@code VALID <id> …} or {@code INVALID <id> <kind>: <reason>}. */
    String line() {
        return isValid() ? "VALID   " + recordId + " " + reason
                : "INVALID " + recordId + " " + kind.name().toLowerCase().replace('_', '-') + ": " + reason;
    }
}
