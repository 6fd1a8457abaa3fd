package dev.kiroku.jointuse.group;

import java.util.List;

/** A change the law does not allow as asked; carries every rule it breaks, each with its article. */
public class JointUseRefusal extends RuntimeException {

    /** One broken rule: the field it concerns, why, and the authority. */
    public record Reason(String field, String message, String article) {
    }

    private final List<Reason> reasons;

    public JointUseRefusal(String summary, List<Reason> reasons) {
        super(summary, null, false, false);
        this.reasons = List.copyOf(reasons);
    }

    public List<Reason> reasons() {
        return reasons;
    }
}
