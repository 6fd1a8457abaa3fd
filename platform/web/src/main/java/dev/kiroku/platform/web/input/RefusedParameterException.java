package dev.kiroku.platform.web.input;

import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemType;
import jakarta.ws.rs.WebApplicationException;

import java.util.List;

/**
 * A query, path or header parameter refused: malformed ({@code 400}: {@code limit=abc}, {@code from=notadate}, a NUL),
 * or well-formed outside its bounds ({@code 422}: {@code from=0000-01-01}). A {@link WebApplicationException}, so that
 * Quarkus REST passes it on as thrown while it converts a parameter instead of turning it into a 404.
 */
public class RefusedParameterException extends WebApplicationException {

    private final int status;
    private final String name;
    private final String in;
    private final String reason;

    public RefusedParameterException(int status, String name, String in, String reason) {
        super((String) null, null, status);
        this.status = status;
        this.name = name;
        this.in = in;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    /** The problem naming the parameter; never its value. */
    public Problem toProblem(String instance, String requestId) {
        String parameter = name == null ? "A " + in + " parameter" : "The " + in + " parameter " + name;
        String detail = parameter + (status == 422 ? " is outside the range it may have" : " is malformed");
        return new Problem(status == 422 ? ProblemType.VALIDATION : ProblemType.BAD_REQUEST,
                status == 422 ? "Request is not valid" : "Malformed request parameter", status, detail, instance,
                requestId, List.of(Problem.Violation.of(name, in, reason)), null);
    }
}
