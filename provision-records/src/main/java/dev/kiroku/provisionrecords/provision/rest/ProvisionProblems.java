package dev.kiroku.provisionrecords.provision.rest;

import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.provisionrecords.optout.OptOutStop;
import dev.kiroku.provisionrecords.optout.StoppedByOptOutRequest;
import dev.kiroku.provisionrecords.provision.EventRefusal;
import dev.kiroku.provisionrecords.provision.ProvisionRefusal;

import java.net.URI;

/** The provision-records problem types and the problems of its domain refusals (one shape for REST and batches). */
final class ProvisionProblems {

    /** A record the APPI record duty does not accept as sent (missing items, a method the basis does not allow...). */
    static final URI RECORD_REFUSED = ProblemType.of("provision-record-refused");
    /** A foreign transfer's Art. 28 route that the counterparty's country cannot have. */
    static final URI ROUTE_NOT_FOR_COUNTRY = ProblemType.of("art28-route-not-for-country");
    /** An opt-out provision after the subject asked to stop it. */
    static final URI STOPPED_BY_OPT_OUT = ProblemType.of("opt-out-stopped");
    /** A correction of a version that is no longer current, or of a purged record. */
    static final URI SUPERSEDED = ProblemType.of("provision-record-superseded");

    private ProvisionProblems() {
    }

    /** The problem of one refused event of a batch: the same a single create would answer. */
    static ProblemException of(EventRefusal refusal) {
        if (refusal instanceof EventRefusal.Invalid invalid) {
            ProblemException e = new ProblemException(400, ProblemType.VALIDATION, "Request is not valid",
                    invalid.detail());
            invalid.fields().forEach(f -> e.withViolation(Problem.Violation.of(f.name(), f.in(), f.message())));
            return e;
        }
        if (refusal instanceof EventRefusal.KeyReused reused) {
            return Idempotency.reused(reused.key()).toProblem();
        }
        if (refusal instanceof EventRefusal.RulesBroken broken) {
            return refusal(new ProvisionRefusal(broken.violations()));
        }
        if (refusal instanceof EventRefusal.Stopped stopped) {
            return stop(new StoppedByOptOutRequest(stopped.stopId(), stopped.effectiveFrom()));
        }
        return ProblemException.unprocessable(ProblemType.VALIDATION, "Request is not valid", "The event is null");
    }

    static ProblemException refusal(ProvisionRefusal refusal) {
        ProblemException e = ProblemException.unprocessable(RECORD_REFUSED,
                "Record does not meet the APPI record duty", refusal.getMessage());
        refusal.violations().forEach(v -> e.withViolation(new Problem.Violation(v.field(), "body", v.message(),
                v.rule())));
        return e;
    }

    static ProblemException stop(StoppedByOptOutRequest stop) {
        return ProblemException.conflict(STOPPED_BY_OPT_OUT, "Opt-out provision stopped by the subject's request",
                        stop.getMessage())
                .with("stopId", stop.stopId().toString())
                .with("article", OptOutStop.ARTICLE);
    }
}
