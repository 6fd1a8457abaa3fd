package dev.kiroku.provisionrecords.optout.rest;

import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.provisionrecords.common.rest.Problems;
import dev.kiroku.provisionrecords.optout.IllegalStopTransition;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;

/** A change the stop's state does not allow, as a 409 problem. */
public class OptOutProblemMappers {

    /** An opt-out stop that does not allow the change asked. */
    static final URI STOP_STATE = ProblemType.of("opt-out-stop-state");

    private final ProblemWriter writer;

    public OptOutProblemMappers(ProblemWriter writer) {
        this.writer = writer;
    }

    @ServerExceptionMapper
    public Response stopState(IllegalStopTransition e, HttpServerRequest request) {
        return Problems.answer(writer, ProblemException.conflict(STOP_STATE, "Not allowed in the stop's current state",
                e.getMessage()), request);
    }
}
