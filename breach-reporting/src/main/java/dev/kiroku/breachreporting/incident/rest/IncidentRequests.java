package dev.kiroku.breachreporting.incident.rest;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.kiroku.breachreporting.incident.rules.Rule7Category;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The API's request bodies for incidents. */
final class IncidentRequests {

    private IncidentRequests() {
    }

    @Schema(name = "IncidentTransitionRequest", description = "An action of the incident's transition table")
    record TransitionRequest(
            @NotBlank @Schema(description = "The action: notify-principal, decide-not-reportable (breach manager "
                    + "only), reopen (breach manager only), start-reporting, submit-preliminary, notify-individuals, "
                    + "publish-alternative-measure, defer-individual-notice, await-final, submit-final, supplement, "
                    + "close, notify-eu-authority", example = "submit-preliminary") String action,
            @Size(max = 8000) @Schema(description = "Rationale, content or reason; required for decide-not-reportable, "
                    + "reopen, notify-principal, publish-alternative-measure, defer-individual-notice and supplement",
                    example = "個人情報保護委員会へ速報を提出（受付番号 R8-12345）") String reason,
            @Schema(description = "When it actually happened (e.g. when the report was filed); default now. Not in the "
                    + "future, not before awareness", example = "2026-11-22T16:30:00+09:00")
            OffsetDateTime occurredAt) {
    }

    /**
     * A what-if deadline calculation. Unknown members (collected in {@code unknownMembers}) are refused: a misspelt
     * {@code euResidents} must not silently drop the GDPR deadline.
     */
    @Schema(name = "BreachDeadlineCalculationRequest", description = "The deadlines an incident would owe: when the "
            + "business came to know of it, the Rule 7 categories found (none yet: provisional), whether it is an "
            + "entrusted party and whether EU residents are affected")
    record DeadlineCalculationRequest(
            @NotNull @Schema(description = "When the business (any department) came to know of the event, with its "
                    + "offset: the anchor of every deadline. Past or future; the holiday calendar covers 1955 to 2099",
                    example = "2025-11-30T10:00:00+09:00") OffsetDateTime awarenessAt,
            @Schema(description = "When the event was detected, if known: echoed for reference, never counted from "
                    + "(the APPI counts from awareness)", example = "2025-11-30T09:15:00+09:00")
            OffsetDateTime detectedAt,
            @NotNull @Size(max = 4) @Schema(description = "The APPI Rule 7 categories found, each at most once: "
                    + "SPECIAL_CARE (i), FINANCIAL_DAMAGE (ii), WRONGFUL_PURPOSE (iii, final report in 60 days), "
                    + "OVER_THRESHOLD_PERSONS (iv). Empty: not yet assessed, the deadlines are provisional (30-day "
                    + "final report)", example = "[\"OVER_THRESHOLD_PERSONS\"]")
            List<@NotNull Rule7Category> categories,
            @Schema(description = "The business handles the data for a principal (委託先): the answer adds APPI Rule 9, "
                    + "the release by notifying the principal; default false") boolean entrusted,
            @Schema(description = "The data includes EU residents: adds the GDPR Art. 33(1) 72-hour deadline; default "
                    + "false") boolean euResidents,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownMembers) {

        /** The members the request does not have, which the resource refuses. */
        Set<String> unknown() {
            return unknownMembers == null ? Set.of() : new TreeSet<>(unknownMembers.keySet());
        }
    }
}
