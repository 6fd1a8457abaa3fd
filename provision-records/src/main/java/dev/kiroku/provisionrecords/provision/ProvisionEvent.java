package dev.kiroku.provisionrecords.provision;

import dev.kiroku.platform.web.input.SingleLineText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/**
 * One provision or receipt of personal data as an internal system reports it. Shape is checked by bean validation
 * (400); the law is checked by {@link dev.kiroku.provisionrecords.provision.rules.ProvisionRules} (422).
 */
@Schema(name = "ProvisionEvent", description = "A provision (APPI Art. 29) or receipt (Art. 30) of personal data")
public record ProvisionEvent(
        @Size(min = 1, max = 200) @Schema(description = "The client's own id of the event: a retry with the same id "
                + "returns the first result (like Idempotency-Key)", example = "crm-20261120-000123")
        @SingleLineText String clientEventId,
        @NotNull Direction direction,
        @NotNull LegalBasis legalBasis,
        @NotNull RecordMethod method,
        @Size(max = 300) @Schema(description = "The contract or document that serves as the record (method CONTRACT)",
                example = "会員規約 第12条（2026年4月版）") @SingleLineText String contractRef,
        @Schema(description = "The provision is tied to goods or services supplied to the subject (Rule 19(3))")
        boolean goodsOrServices,
        @NotNull @Valid Counterparty counterparty,
        @NotNull @Valid Subject subject,
        @NotNull @Size(max = 50) List<@NotNull DataItem> dataItems,
        @Size(max = 20) List<@NotNull @Size(min = 1, max = 200) @SingleLineText String> otherItems,
        @Schema(description = "Day of the provision or receipt (Asia/Tokyo)", example = "2026-11-20") LocalDate providedOn,
        @Valid Period period,
        @Size(max = 300) @Schema(description = "Pointer to the consent evidence", example = "consent:crm:2026-04:77")
        @SingleLineText String consentRef,
        @Size(max = 2000) @Schema(description = "How the provider acquired the data (取得の経緯), recipient side",
                example = "提供元が自社会員から同意を得て取得") String acquisitionCircumstances,
        @Size(max = 300) @Schema(description = "Reference of the PPC's publication of the provider's opt-out "
                + "notification (Art. 27(4)), for an opt-out receipt", example = "PPC公表 第2026-0123号")
        @SingleLineText String ppcPublicationRef,
        @Valid ForeignTransfer foreignTransfer,
        @Schema(description = "Set when revealing the record's existence would cause the harm of Order Art. 11: the "
                + "record is then left out of disclosures as if absent") Order11Ground order11Ground,
        @Schema(description = "A business policy's later retention end; may only lengthen the legal one")
        LocalDate retainUntil) {

    public List<DataItem> dataItems() {
        return dataItems == null ? List.of() : dataItems;
    }

    public List<String> otherItems() {
        return otherItems == null ? List.of() : otherItems;
    }

    /**
     * The same event without its subject and business retention (the content hash takes the subject's commitment and
     * the effective retention instead).
     */
    public ProvisionEvent withoutSubject() {
        return new ProvisionEvent(clientEventId, direction, legalBasis, method, contractRef, goodsOrServices,
                counterparty, null, dataItems, otherItems, providedOn, period, consentRef, acquisitionCircumstances,
                ppcPublicationRef, foreignTransfer, order11Ground, null);
    }

    /** The last day the record covers: the provision date, or the last day of the period. */
    public LocalDate lastProvisionDay() {
        if (providedOn != null) {
            return providedOn;
        }
        return period == null ? null : period.last();
    }

    /** The first day the record covers. */
    public LocalDate firstProvisionDay() {
        if (providedOn != null) {
            return providedOn;
        }
        return period == null ? null : period.first();
    }
}
