package dev.kiroku.jointuse.group;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiroku.platform.web.input.SingleLineText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.text.Normalizer;
import java.util.Locale;

/** One joint user. A member outside Japan stays a foreign third party for Art. 28 (joint use does not lift it). */
@Schema(name = "JointUser")
public record Member(
        @NotBlank @Size(max = 200) @Schema(example = "GMOブランドセキュリティ株式会社") @SingleLineText String name,
        @NotBlank @Size(max = 300) @Schema(example = "東京都渋谷区道玄坂1丁目2番3号") @SingleLineText String address,
        @Size(max = 200) @Schema(example = "代表取締役 佐藤 一郎") @SingleLineText String representative,
        @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code")
        @Schema(example = "JP") String country,
        @Pattern(regexp = "\\d{13}", message = "must be the 13-digit corporate number")
        @Schema(example = "3011001109553") @SingleLineText String corporateNumber,
        // left out of the JSON when absent: definitions stored before the field existed serialise (and digest) as before
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "For a joint user outside Japan: why it may receive the data under APPI Art. 28(1). "
                + "EQUIVALENT_COUNTRY only in a PPC-designated country (EU/EEA states, UK; implied there when absent), "
                + "RECIPIENT_SYSTEM for a system meeting the Rule 16 standard (体制整備), CONSENT_28_1 (also assumed "
                + "when absent elsewhere). Not part of the public notice's items; changing it is not a change of the "
                + "scope of joint users.") Art28Route art28Route) {

    public Member(String name, String address, String representative, String country, String corporateNumber) {
        this(name, address, representative, country, corporateNumber, null);
    }

    public static final String JAPAN = "JP";

    /** Whether the member is outside Japan: Art. 28(1) still applies to provision to it (docs/law.md §A1 row 4, D3). */
    @JsonIgnore
    public boolean foreign() {
        return !JAPAN.equals(country);
    }

    /** The same member without its Art. 28 route: what the notice's scope of joint users compares. */
    @JsonIgnore
    public Member withoutRoute() {
        return art28Route == null ? this : new Member(name, address, representative, country, corporateNumber, null);
    }

    /** Whether this member is the given counterparty: by corporate number when both have one, else by name. */
    public boolean is(String otherName, String otherCorporateNumber) {
        if (corporateNumber != null && otherCorporateNumber != null) {
            return corporateNumber.equals(otherCorporateNumber);
        }
        return otherName != null && normalise(name).equals(normalise(otherName));
    }

    /** Names compare after NFKC (full/half width), case and whitespace folding. */
    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
