package dev.kiroku.provisionrecords.optout;

import java.util.UUID;

/** An opt-out provision refused because the subject asked to stop it (answered 409 citing the stop). */
public class StoppedByOptOutRequest extends RuntimeException {

    private final UUID stopId;

    public StoppedByOptOutRequest(UUID stopId, java.time.LocalDate effectiveFrom) {
        super("The subject asked on record to stop opt-out provision (stop " + stopId + ", effective from "
                + effectiveFrom + "); this opt-out provision must not be made. " + OptOutStop.ARTICLE, null, false,
                false);
        this.stopId = stopId;
    }

    public UUID stopId() {
        return stopId;
    }
}
