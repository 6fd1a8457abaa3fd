package dev.kiroku.provisionrecords.common;

/**
 * A request the service cannot act on as sent (answered 400 with the field): a range that is empty, a day in the
 * future. Thrown by services; the REST layer turns it into the validation problem.
 */
public class InvalidInput extends RuntimeException {

    private final String field;
    private final String in;
    private final String violation;

    /**
     * @param detail    what is wrong with the request, for a person
     * @param field     the field concerned
     * @param in        where the field is: body, query, header
     * @param violation what the field must be
     */
    public InvalidInput(String detail, String field, String in, String violation) {
        super(detail, null, false, false);
        this.field = field;
        this.in = in;
        this.violation = violation;
    }

    public String field() {
        return field;
    }

    public String in() {
        return in;
    }

    public String violation() {
        return violation;
    }
}
