package dev.kiroku.provisionrecords.provision.rules;

/** A rule of law a provision event breaks: the field concerned, what is wrong, and the rule. */
public record RuleViolation(String field, String message, String rule) {
}
