package dev.kiroku.provisionrecords.record;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The Art. 28 route of a provision to a third party in a foreign country (country from the counterparty). */
@Schema(name = "ForeignTransfer")
public record ForeignTransfer(@NotNull @Schema(example = "CONSENT_28_1") Art28Route route) {
}
