package dev.kiroku.gateway.openapi;

/** A service's OpenAPI document could not be fetched; the message names the service and why, never a body. */
public class DocumentUnavailableException extends RuntimeException {

    /** Why the document is missing. */
    public enum Reason {
        /** The service did not answer within the configured timeout. */
        TIMEOUT,
        /** The service could not be reached. */
        UNREACHABLE,
        /** The service answered, but not with an OpenAPI document. */
        BAD_ANSWER
    }

    private final String service;
    private final Reason reason;

    public DocumentUnavailableException(String service, Reason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.service = service;
        this.reason = reason;
    }

    public String service() {
        return service;
    }

    public Reason reason() {
        return reason;
    }
}
