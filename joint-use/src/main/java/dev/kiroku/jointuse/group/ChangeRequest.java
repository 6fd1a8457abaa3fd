package dev.kiroku.jointuse.group;

import java.time.LocalDate;

/**
 * A proposed change of a published group.
 *
 * @param proposed                 the whole new definition
 * @param effectiveFrom            when the change takes effect (required for changes that need advance notice)
 * @param occurredOn               when a change of the responsible party's details happened in fact (default today)
 * @param reason                   why the group changes
 * @param responsiblePartyReplaced whether another entity becomes the responsible party
 * @param nonSubstantive           the requester's claim that an items or scope change does not change the substance
 * @param justification            the written justification of that claim
 * @param publishNow               publish the new notice at once (else it waits, with a due date, as PENDING)
 */
public record ChangeRequest(JointUseDefinition proposed, LocalDate effectiveFrom, LocalDate occurredOn, String reason,
                            boolean responsiblePartyReplaced, boolean nonSubstantive, String justification,
                            boolean publishNow) {
}
