package dev.kiroku.platform.audit;

/** The audit chain could not be written or read; the change that needed it must not commit. */
public class AuditChainException extends RuntimeException {

    public AuditChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
