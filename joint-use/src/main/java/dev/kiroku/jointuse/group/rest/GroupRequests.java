package dev.kiroku.jointuse.group.rest;

import dev.kiroku.jointuse.group.JointUseDefinition;
import dev.kiroku.platform.web.input.SingleLineText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** The API's request bodies for groups. */
final class GroupRequests {

    private GroupRequests() {
    }

    @Schema(name = "JointUsePublication")
    record PublishRequest(
            @NotNull @Schema(description = "The day joint use starts: the publication day or later", example = "2026-12-01")
            LocalDate effectiveFrom) {
    }

    @Schema(name = "JointUseChange", description = "A change of a published group, judged by APPI Art. 27(6)")
    record ChangeBody(
            @NotNull @Valid @Schema(description = "The whole new definition") JointUseDefinition definition,
            @Schema(description = "When the change takes effect; required, and far enough ahead, for purposes and "
                    + "responsible-party replacement", example = "2027-01-01") LocalDate effectiveFrom,
            @Schema(description = "When a change of the responsible party's name, address or representative happened "
                    + "(default today)", example = "2026-11-20") LocalDate occurredOn,
            @NotBlank @Size(max = 2000) @Schema(example = "代表取締役の交代") String reason,
            @Schema(description = "Another entity becomes the responsible party") boolean responsiblePartyReplaced,
            @Schema(description = "Claims that an items or scope change is not substantive (a member renamed, a "
                    + "succession)") boolean nonSubstantive,
            @Size(max = 4000) @Schema(description = "Written justification of the non-substantive claim",
                    example = "共同利用者の商号変更（法人番号同一、事業内容・取り扱う項目に変更なし）") String justification,
            @Schema(description = "Publish the new notice now (default true); false leaves it pending with a due date, "
                    + "only for changes of the responsible party's details") Boolean publishNow) {
    }

    @Schema(name = "JointUseEnding")
    record EndRequest(
            @NotNull @Schema(example = "2027-03-31") LocalDate endsOn,
            @NotBlank @Size(max = 2000) @Schema(example = "グループ再編に伴う共同利用の終了") String reason) {
    }

    @Schema(name = "JointUseCheck", description = "Is a counterparty a joint user covering these items on this day?")
    record CheckRequest(
            @Size(max = 200) @Schema(example = "GMOブランドセキュリティ株式会社") @SingleLineText String counterpartyName,
            @Pattern(regexp = "\\d{13}", message = "must be the 13-digit corporate number")
            @Schema(example = "3011001109553") @SingleLineText String counterpartyCorporateNumber,
            @NotEmpty List<@NotBlank String> items,
            @NotNull @Schema(example = "2026-12-10") LocalDate date) {
    }
}
