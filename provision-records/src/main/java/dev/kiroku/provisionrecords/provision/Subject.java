package dev.kiroku.provisionrecords.provision;

import dev.kiroku.platform.web.input.SingleLineText;
import dev.kiroku.provisionrecords.common.SubjectKeys;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The data subject (本人): matters enough to identify the person. Stored encrypted; found by a keyed blind index of
 * scheme and identifier.
 *
 * @param scheme     the identifier's namespace in the business, e.g. {@code customer-number}
 * @param identifier the identifier within that scheme
 * @param name       the person's name, when recorded
 */
@Schema(name = "Subject")
public record Subject(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*", message = "must be a lower-case scheme name")
        @Schema(example = "customer-number") @SingleLineText String scheme,
        @NotBlank @Size(max = 200) @Schema(example = "C-0012345") @SingleLineText String identifier,
        @Size(max = 200) @Schema(example = "佐藤花子") @SingleLineText String name) {

    /** What the blind index is computed over: the scheme and the NFKC-normalised, trimmed identifier. */
    public String indexInput() {
        return indexInput(scheme, identifier);
    }

    public static String indexInput(String scheme, String identifier) {
        return SubjectKeys.indexInput(scheme, identifier);
    }
}
