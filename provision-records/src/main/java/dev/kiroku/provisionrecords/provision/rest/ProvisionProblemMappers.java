package dev.kiroku.provisionrecords.provision.rest;

import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RequestIds;
import dev.kiroku.provisionrecords.optout.IllegalStopTransition;
import dev.kiroku.provisionrecords.provision.ProvisionRefusal;
import dev.kiroku.provisionrecords.optout.StoppedByOptOutRequest;
import dev.kiroku.provisionrecords.common.RecordStoreException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The provision domain's refusals as problems: 422 for what the law refuses, 409 for a stop or a wrong state. */
public class ProvisionProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProvisionProblemMappers.class);

    private final ProblemWriter writer;

    public ProvisionProblemMappers(ProblemWriter writer) {
        this.writer = writer;
    }

    @ServerExceptionMapper
    public Response refusal(ProvisionRefusal e, HttpServerRequest request) {
        return answer(ProvisionProblems.refusal(e), request);
    }

    @ServerExceptionMapper
    public Response stopped(StoppedByOptOutRequest e, HttpServerRequest request) {
        return answer(ProvisionProblems.stop(e), request);
    }

    @ServerExceptionMapper
    public Response stopState(IllegalStopTransition e, HttpServerRequest request) {
        return answer(ProblemException.conflict(ProvisionProblems.STOP_STATE, "Not allowed in the stop's current state",
                e.getMessage()), request);
    }

    @ServerExceptionMapper
    public Response store(RecordStoreException e, HttpServerRequest request) {
        String state = e.sqlException().getSQLState();
        if (state != null && state.startsWith("08")) {
            LOG.warnf("Database unavailable answering %s %s (SQLState %s)", request.method(), request.path(), state);
            return answer(new ProblemException(503, ProblemType.UNAVAILABLE, "Service unavailable",
                    "The database is not reachable; retry later").withHeader("Retry-After", "5"), request);
        }
        // The driver's message may quote row values: log the SQLState only, never the message.
        LOG.errorf("Database failure answering %s %s (SQLState %s, request %s)", request.method(), request.path(),
                state, RequestIds.of(request));
        return answer(new ProblemException(500, ProblemType.INTERNAL, "Internal error",
                "An unexpected error occurred; quote the request id when reporting it"), request);
    }

    private Response answer(ProblemException e, HttpServerRequest request) {
        return writer.response(e.toProblem(request.path(), RequestIds.of(request)), e.headers());
    }
}
