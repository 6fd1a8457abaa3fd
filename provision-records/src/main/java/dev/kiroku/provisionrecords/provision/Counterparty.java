package dev.kiroku.provisionrecords.provision;

import dev.kiroku.platform.web.input.SingleLineText;
import dev.kiroku.provisionrecords.common.NameKeys;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The third party: the recipient of a provision or the provider of a receipt.
 *
 * @param kind            corporation, individual, or many unspecified persons
 * @param name            name or appellation (absent only for many unspecified persons)
 * @param address         address (required of the provider on the recipient side, Art. 30(1)(i))
 * @param representative  the corporation's representative (required of a corporate provider, Art. 30(1)(i))
 * @param country         ISO 3166-1 alpha-2 country where the counterparty is
 * @param corporateNumber Japanese corporate number (法人番号, 13 digits), when it has one
 */
@Schema(name = "Counterparty")
public record Counterparty(
        @NotNull @Schema(example = "CORPORATION") CounterpartyKind kind,
        @Size(max = 300) @Schema(example = "株式会社サンプル商事") @SingleLineText String name,
        @Size(max = 500) @Schema(example = "東京都千代田区丸の内一丁目1番1号") @SingleLineText String address,
        @Size(max = 200) @Schema(example = "代表取締役 山田太郎") @SingleLineText String representative,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as JP")
        @Schema(example = "JP") String country,
        @Pattern(regexp = "\\d{13}", message = "must be the 13-digit corporate number") @Schema(example = "1234567890123")
        @SingleLineText String corporateNumber) {

    /** The normalised name used to match counterparties (NFKC, case- and space-insensitive). */
    public String key() {
        return key(name);
    }

    public static String key(String name) {
        return NameKeys.key(name);
    }
}
