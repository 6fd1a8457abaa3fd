package dev.kiroku.platform.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem details body, the one error shape of every Kiroku service.
 *
 * @param type       stable URI naming the kind of problem ({@link ProblemType})
 * @param title      short, human summary of the kind of problem
 * @param status     the HTTP status code
 * @param detail     human explanation of this occurrence; never internals, stack traces or SQL
 * @param instance   the request path this problem answers
 * @param requestId  the request id (the {@code X-Request-Id} header echoed)
 * @param violations field-level violations, for validation and legal-rule refusals
 * @param extensions further members specific to the problem type (e.g. the article a refusal cites)
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "requestId", "violations"})
public record Problem(
        @Schema(example = "urn:kiroku:problem:validation") URI type,
        @Schema(example = "Request is not valid") String title,
        @Schema(example = "400") int status,
        @Schema(example = "1 field is not valid") String detail,
        @Schema(example = "/api/v1/provisions") String instance,
        @Schema(example = "0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11") String requestId,
        List<Violation> violations,
        @Schema(hidden = true) Map<String, Object> extensions) {

    public Problem {
        violations = violations == null ? List.of() : List.copyOf(violations);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    @JsonAnyGetter
    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }

    /**
     * One violated field or rule.
     *
     * @param field   JSON path of the field, e.g. {@code counterparty.address}, or the name of a query, path, header
     *                or cookie parameter; absent when the body as a whole is wrong (e.g. missing)
     * @param in      where the field is: body, query, path, header or cookie
     * @param message what is wrong, in words a client can show
     * @param rule    the legal rule the field violates, when a rule of law is the reason
     */
    @Schema(name = "Violation")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Violation(
            @Schema(example = "counterparty.address") String field,
            @Schema(example = "body") String in,
            @Schema(example = "must not be blank") String message,
            @Schema(example = "APPI Rule 20(1)(i)") String rule) {

        public static Violation of(String field, String in, String message) {
            return new Violation(field, in, message, null);
        }
    }
}
