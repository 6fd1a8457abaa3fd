package dev.kiroku.provisionrecords.retention;

/** A purge asked while another runs (one at a time across replicas; answered 409). */
public class PurgeRunning extends RuntimeException {

    public PurgeRunning() {
        super("Another retention purge is running; try again when it has finished", null, false, false);
    }
}
