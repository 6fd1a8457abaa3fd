package dev.kiroku.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrown by services to answer with a specific problem (404 for an unknown id, 409 for a state conflict,
 * 422 for a legal-rule refusal, ...). The message is the problem's detail and must not carry personal data.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final URI type;
    private final String title;
    private final List<Problem.Violation> violations = new ArrayList<>();
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, URI type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, ProblemType.NOT_FOUND, ProblemType.titleForStatus(404), detail);
    }

    public static ProblemException conflict(URI type, String title, String detail) {
        return new ProblemException(409, type, title, detail);
    }

    public static ProblemException unprocessable(URI type, String title, String detail) {
        return new ProblemException(422, type, title, detail);
    }

    public ProblemException withViolation(Problem.Violation violation) {
        violations.add(violation);
        return this;
    }

    public ProblemException with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public Problem toProblem(String instance, String requestId) {
        return new Problem(type, title, status, getMessage(), instance, requestId, violations, extensions);
    }
}
