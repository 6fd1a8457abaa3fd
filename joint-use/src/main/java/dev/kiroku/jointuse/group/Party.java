package dev.kiroku.jointuse.group;

import dev.kiroku.platform.web.input.SingleLineText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The person responsible for managing the jointly used data (APPI Art. 27(5)(iii)): name or appellation, address and,
 * for a corporation, its representative (the address and representative are required since the 2022 amendment).
 */
@Schema(name = "ResponsibleParty")
public record Party(
        @NotBlank @Size(max = 200) @Schema(example = "GMOグローバルサイン・ホールディングス株式会社") @SingleLineText String name,
        @NotBlank @Size(max = 300) @Schema(example = "東京都渋谷区道玄坂1丁目2番3号 渋谷フクラス") @SingleLineText String address,
        @NotBlank @Size(max = 200) @Schema(example = "代表取締役社長 山田 太郎") @SingleLineText String representative,
        @Pattern(regexp = "\\d{13}", message = "must be the 13-digit corporate number")
        @Schema(description = "法人番号, identifies the entity across renames", example = "1011001034467")
        @SingleLineText String corporateNumber) {
}
