package dev.kiroku.platform.web.input;

import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemExceptionMappers;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;

/** The problems of refused input: a value of a JSON body, a parameter. */
public class InputProblemMappers {

    private final ProblemWriter writer;

    public InputProblemMappers(ProblemWriter writer) {
        this.writer = writer;
    }

    /** A refused value of the strict mapper (its own type: the built-in mismatch mappers would otherwise win). */
    @ServerExceptionMapper
    public Response refusedValue(RefusedValueException e, HttpServerRequest request) {
        boolean outOfBounds = e.status() == 422;
        Problem problem = new Problem(outOfBounds ? ProblemType.VALIDATION : ProblemType.BAD_REQUEST,
                outOfBounds ? "Request is not valid" : "Malformed request body", e.status(),
                outOfBounds ? "A value of the request body is outside the range it may have"
                        : "A value of the request body is not acceptable",
                request.path(), RequestIds.of(request),
                List.of(Problem.Violation.of(ProblemExceptionMappers.jsonPath(e), "body", e.reason())), null);
        return writer.response(problem, Map.of());
    }

    /** A query, path or header parameter refused while it was converted or checked. */
    @ServerExceptionMapper
    public Response refusedParameter(RefusedParameterException e, HttpServerRequest request) {
        return writer.response(e.toProblem(request.path(), RequestIds.of(request)), Map.of());
    }
}
