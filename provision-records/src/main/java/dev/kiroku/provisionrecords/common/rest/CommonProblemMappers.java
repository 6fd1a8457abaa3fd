package dev.kiroku.provisionrecords.common.rest;

import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RequestIds;
import dev.kiroku.provisionrecords.common.InvalidInput;
import dev.kiroku.provisionrecords.common.NotFound;
import dev.kiroku.provisionrecords.common.RecordStoreException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The service-wide failures as problems: 400 for invalid input, 404, and 503/500 for the database. */
public class CommonProblemMappers {

    private static final Logger LOG = Logger.getLogger(CommonProblemMappers.class);

    private final ProblemWriter writer;

    public CommonProblemMappers(ProblemWriter writer) {
        this.writer = writer;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInput e, HttpServerRequest request) {
        return Problems.answer(writer, Problems.invalid(e), request);
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e, HttpServerRequest request) {
        return Problems.answer(writer, ProblemException.notFound(e.getMessage()), request);
    }

    @ServerExceptionMapper
    public Response store(RecordStoreException e, HttpServerRequest request) {
        String state = e.sqlException().getSQLState();
        if (state != null && state.startsWith("08")) {
            LOG.warnf("Database unavailable answering %s %s (SQLState %s)", request.method(), request.path(), state);
            return Problems.answer(writer, new ProblemException(503, ProblemType.UNAVAILABLE, "Service unavailable",
                    "The database is not reachable; retry later").withHeader("Retry-After", "5"), request);
        }
        // The driver's message may quote row values: log the SQLState only, never the message.
        LOG.errorf("Database failure answering %s %s (SQLState %s, request %s)", request.method(), request.path(),
                state, RequestIds.of(request));
        return Problems.answer(writer, new ProblemException(500, ProblemType.INTERNAL, "Internal error",
                "An unexpected error occurred; quote the request id when reporting it"), request);
    }
}
