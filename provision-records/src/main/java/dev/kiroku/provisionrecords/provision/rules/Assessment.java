package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.RecordItem;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the rule tables say about a kind of provision, before any data is sent: whether a statutory record is needed
 * and why, the items it must hold, whether the method is allowed, how long it is kept, and any combination the law
 * does not allow.
 */
public record Assessment(RecordRequirementRules.Row requirement, RequiredItemRules.Row items,
                         MethodRules.Row method, boolean methodAllowed, RetentionRules.Row retention,
                         List<RuleViolation> violations) {

    public boolean statutory() {
        return requirement.required();
    }

    /** Every item the record must hold: the basis's items and the method's. */
    public Set<RecordItem> requiredItems() {
        Set<RecordItem> all = new TreeSet<>(items.items());
        all.addAll(method.needs());
        return all;
    }
}
