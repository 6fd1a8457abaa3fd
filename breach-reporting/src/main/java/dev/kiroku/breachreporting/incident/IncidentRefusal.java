package dev.kiroku.breachreporting.incident;

import java.util.List;

/** A change the law does not allow as asked (a guard of the transition table, a missing justification): 422. */
public class IncidentRefusal extends RuntimeException {

    /** One broken rule: the field it concerns, why, and the authority. */
    public record Reason(String field, String message, String article) {
    }

    private final List<Reason> reasons;

    public IncidentRefusal(String summary, List<Reason> reasons) {
        super(summary, null, false, false);
        this.reasons = List.copyOf(reasons);
    }

    public IncidentRefusal(String summary, String field, String message, String article) {
        this(summary, List.of(new Reason(field, message, article)));
    }

    public List<Reason> reasons() {
        return reasons;
    }
}
