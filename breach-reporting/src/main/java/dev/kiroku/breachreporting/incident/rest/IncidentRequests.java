package dev.kiroku.breachreporting.incident.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

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
}
