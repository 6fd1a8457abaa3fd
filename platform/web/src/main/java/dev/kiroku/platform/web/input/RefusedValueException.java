package dev.kiroku.platform.web.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value the strict mapper refuses although it is well-formed: a string with NUL, a lone surrogate or a
 * non-character ({@code 400}), a scalar of another JSON type than the field's ({@code 400}), a date or instant outside
 * the bounds of {@link InputConfig} ({@code 422}). Being a {@link MismatchedInputException} it carries the JSON path
 * of the field (Jackson prepends it while unwinding), so a batch that converts its items one by one sees it as that
 * item's {@link com.fasterxml.jackson.core.JsonProcessingException}; {@link #status()} and {@link #reason()} are what
 * the problem says.
 */
public class RefusedValueException extends MismatchedInputException {

    private final int status;
    private final String reason;

    public RefusedValueException(JsonParser parser, int status, String reason, Class<?> targetType) {
        super(parser, reason, targetType);
        this.status = status;
        this.reason = reason;
    }

    /** 400 for a value of the wrong shape, 422 for a well-formed value outside its bounds. */
    public int status() {
        return status;
    }

    /** What is wrong with the value, without the value, in words a client can show. */
    public String reason() {
        return reason;
    }
}
