package dev.kiroku.breachreporting.notification;

import dev.kiroku.platform.web.input.SingleLineText;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Who sends the notice and where the person can ask: the business (not a staff member) and its inquiry desk. A phone
 * number or an e-mail address is required (checked by the campaign).
 */
@Schema(name = "InquiryContact", description = "The business that notifies and its inquiry desk")
public record InquiryContact(
        @NotBlank @Size(max = 300) @Schema(example = "株式会社サンプル商店") @SingleLineText String business,
        @NotBlank @Size(max = 300) @Schema(example = "個人情報お問い合わせ窓口") @SingleLineText String desk,
        @Size(max = 50) @Schema(example = "0120-000-000") @SingleLineText String phone,
        @Email @Size(max = 254) @Schema(example = "privacy@sample-shop.example") String email,
        @Size(max = 200) @Schema(example = "平日 9:00〜18:00") @SingleLineText String hours) {

    public boolean reachable() {
        return (phone != null && !phone.isBlank()) || (email != null && !email.isBlank());
    }
}
