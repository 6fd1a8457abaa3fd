package dev.kiroku.provisionrecords.provision;

import dev.kiroku.provisionrecords.provision.rules.RuleViolation;

import java.util.List;

/** A provision event the law does not allow as sent (answered 422 with every rule it breaks). */
public class ProvisionRefusal extends RuntimeException {

    private final List<RuleViolation> violations;

    public ProvisionRefusal(List<RuleViolation> violations) {
        super(violations.size() + (violations.size() == 1 ? " rule" : " rules")
                + " of the APPI record duty not met; nothing was recorded", null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<RuleViolation> violations() {
        return violations;
    }
}
