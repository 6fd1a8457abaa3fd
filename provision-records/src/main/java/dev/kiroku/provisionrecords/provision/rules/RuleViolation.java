package dev.kiroku.provisionrecords.provision.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A rule of law a provision event breaks: the field concerned, what is wrong, and the rule.
 *
 * @param id      the rule's stable id (a row id of its rule table, or the check's), a small fixed set: the
 *                {@code reason} of {@code kiroku_provision_events_total} (docs/metrics.md); not part of the API
 * @param field   the field concerned
 * @param message what is wrong
 * @param rule    the rule, as the law cites it
 */
public record RuleViolation(@JsonIgnore @Schema(hidden = true) String id, String field, String message, String rule) {
}
