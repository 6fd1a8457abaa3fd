package dev.kiroku.provisionrecords.provision;

/** A batch carrying more events than one may (answered 413). */
public class BatchTooLarge extends RuntimeException {

    private final int maxBatch;

    public BatchTooLarge(int maxBatch) {
        super("A batch may carry at most " + maxBatch + " events; split it", null, false, false);
        this.maxBatch = maxBatch;
    }

    public int maxBatch() {
        return maxBatch;
    }
}
