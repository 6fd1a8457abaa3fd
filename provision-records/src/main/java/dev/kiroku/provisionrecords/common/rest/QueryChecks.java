package dev.kiroku.provisionrecords.common.rest;

import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;

import java.time.LocalDate;

/** Checks of query parameters that go together, shared by the searches of every feature (answered 400). */
public final class QueryChecks {

    private QueryChecks() {
    }

    /** A subject is searched by scheme and identifier together, or not at all. */
    public static void subjectPair(String subjectScheme, String subjectIdentifier) {
        if ((subjectScheme == null) != (subjectIdentifier == null)) {
            throw new ProblemException(400, ProblemType.VALIDATION, "Request is not valid",
                    "A subject is searched by scheme and identifier together")
                    .withViolation(Problem.Violation.of(subjectScheme == null ? "subjectScheme" : "subjectIdentifier",
                            "query", "must be given with the other"));
        }
    }

    /** A date range may be open at either end but not empty. */
    public static void range(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new ProblemException(400, ProblemType.VALIDATION, "Request is not valid", "The range is empty")
                    .withViolation(Problem.Violation.of("to", "query", "must not be before from"));
        }
    }

    /** A blank text filter is no filter. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
