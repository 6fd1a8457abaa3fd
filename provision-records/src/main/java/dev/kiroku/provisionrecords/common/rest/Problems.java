package dev.kiroku.provisionrecords.common.rest;

import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RequestIds;
import dev.kiroku.provisionrecords.common.InvalidInput;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;

/** Helpers of the features' problem mappers. */
public final class Problems {

    private Problems() {
    }

    /** The validation problem of an invalid input: 400 naming the field. */
    public static ProblemException invalid(InvalidInput e) {
        return new ProblemException(400, ProblemType.VALIDATION, "Request is not valid", e.getMessage())
                .withViolation(Problem.Violation.of(e.field(), e.in(), e.violation()));
    }

    /** The response of a problem, at the request's path with its request id. */
    public static Response answer(ProblemWriter writer, ProblemException e, HttpServerRequest request) {
        return writer.response(e.toProblem(request.path(), RequestIds.of(request)), e.headers());
    }
}
