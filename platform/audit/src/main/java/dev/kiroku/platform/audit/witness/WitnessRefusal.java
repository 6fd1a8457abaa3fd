package dev.kiroku.platform.audit.witness;

/**
 * Why a witness refuses an add-checkpoint request, as C2SP tlog-witness answers it: 400 malformed, 403 not signed by
 * the log's known key, 404 unknown origin, 409 the old size is not the witness's (with its size), 422 the proof does
 * not show the new tree consistent with what the witness cosigned.
 */
public class WitnessRefusal extends RuntimeException {

    private final int status;
    private final String title;
    private final long knownSize;

    WitnessRefusal(int status, String title, String detail, long knownSize) {
        super(detail);
        this.status = status;
        this.title = title;
        this.knownSize = knownSize;
    }

    static WitnessRefusal malformed(String detail) {
        return new WitnessRefusal(400, "Malformed add-checkpoint request", detail, -1);
    }

    static WitnessRefusal unknownOrigin(String origin) {
        return new WitnessRefusal(404, "Unknown log", "this witness does not witness the log " + origin, -1);
    }

    static WitnessRefusal untrusted(String detail) {
        return new WitnessRefusal(403, "Checkpoint not signed by the log's key", detail, -1);
    }

    static WitnessRefusal conflict(long knownSize) {
        return new WitnessRefusal(409, "Old size is not the witness's",
                "the latest checkpoint this witness cosigned of the log has size " + knownSize, knownSize);
    }

    static WitnessRefusal inconsistent(String detail) {
        return new WitnessRefusal(422, "Checkpoint not consistent with what the witness cosigned", detail, -1);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The size the witness holds (409 only). */
    public long knownSize() {
        return knownSize;
    }
}
