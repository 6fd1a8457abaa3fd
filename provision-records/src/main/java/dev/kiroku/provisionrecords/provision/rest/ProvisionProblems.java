package dev.kiroku.provisionrecords.provision.rest;

import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.provisionrecords.optout.OptOutStop;
import dev.kiroku.provisionrecords.provision.ProvisionRefusal;
import dev.kiroku.provisionrecords.optout.StoppedByOptOutRequest;

import java.net.URI;

/** The provision-records problem types and the problems of its domain refusals (one shape for REST and batches). */
public final class ProvisionProblems {

    /** A record the APPI record duty does not accept as sent (missing items, a method the basis does not allow...). */
    public static final URI RECORD_REFUSED = ProblemType.of("provision-record-refused");
    /** A foreign transfer's Art. 28 route that the counterparty's country cannot have. */
    public static final URI ROUTE_NOT_FOR_COUNTRY = ProblemType.of("art28-route-not-for-country");
    /** An opt-out provision after the subject asked to stop it. */
    public static final URI STOPPED_BY_OPT_OUT = ProblemType.of("opt-out-stopped");
    /** A correction of a version that is no longer current, or of a purged record. */
    public static final URI SUPERSEDED = ProblemType.of("provision-record-superseded");
    /** An opt-out stop that does not allow the change asked. */
    public static final URI STOP_STATE = ProblemType.of("opt-out-stop-state");
    /** A purge while another runs. */
    public static final URI PURGE_RUNNING = ProblemType.of("purge-running");

    private ProvisionProblems() {
    }

    public static ProblemException refusal(ProvisionRefusal refusal) {
        ProblemException e = ProblemException.unprocessable(RECORD_REFUSED,
                "Record does not meet the APPI record duty", refusal.getMessage());
        refusal.violations().forEach(v -> e.withViolation(new Problem.Violation(v.field(), "body", v.message(),
                v.rule())));
        return e;
    }

    public static ProblemException stop(StoppedByOptOutRequest stop) {
        return ProblemException.conflict(STOPPED_BY_OPT_OUT, "Opt-out provision stopped by the subject's request",
                        stop.getMessage())
                .with("stopId", stop.stopId().toString())
                .with("article", OptOutStop.ARTICLE);
    }
}
