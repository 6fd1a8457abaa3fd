package dev.kiroku.provisionrecords.provision;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The Art. 28 route of a provision to a third party in a foreign country (country from the counterparty), and, on the
 * route {@link Art28Route#RECIPIENT_SYSTEM}, where the provider's Art. 28(3) / Rule 18 measures are documented.
 */
@Schema(name = "ForeignTransfer")
public record ForeignTransfer(
        @NotNull @Schema(example = "RECIPIENT_SYSTEM") Art28Route route,
        // left out of the JSON when absent, so the content hash of records made before the field existed is unchanged
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Size(min = 1, max = 300)
        @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        @Schema(description = "Route RECIPIENT_SYSTEM (体制整備): the document of the provider's Art. 28(3) / Rule 18 "
                + "measures — how it checks, periodically, that the recipient keeps the system and what it does if "
                + "not (a contract clause, an audit report). Required for a provision on that route.",
                example = "DPA-2026-014 第9条（年次監査）") String measuresRef) {

    public ForeignTransfer(Art28Route route) {
        this(route, null);
    }
}
