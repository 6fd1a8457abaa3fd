package dev.kiroku.provisionrecords.common;

/** There is nothing with the id asked for (answered 404). */
public class NotFound extends RuntimeException {

    public NotFound(String detail) {
        super(detail, null, false, false);
    }
}
