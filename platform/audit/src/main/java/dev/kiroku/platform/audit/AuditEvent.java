package dev.kiroku.platform.audit;

import java.util.Map;
import java.util.Objects;

/**
 * A state change to append to the audit chain.
 *
 * @param action        what happened, e.g. {@code joint-use-group.published}
 * @param aggregateType the kind of thing that changed, e.g. {@code joint-use-group}
 * @param aggregateId   its id
 * @param actor         who did it (the token's username or service account), never a personal identifier of a subject
 * @param reason        why, when the change needs a reason (a correction, a justification), else {@code null}
 * @param content       the facts of the change: strings, numbers, booleans, lists and maps only. Personal data of
 *                      data subjects only as {@link AuditChain#commitment salted commitments}.
 */
public record AuditEvent(String action, String aggregateType, String aggregateId, String actor, String reason,
                         Map<String, ?> content) {

    public AuditEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(actor, "actor");
        content = content == null ? Map.of() : content;
    }
}
