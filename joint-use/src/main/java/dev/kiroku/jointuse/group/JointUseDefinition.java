package dev.kiroku.jointuse.group;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.kiroku.platform.web.input.SingleLineText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * What a joint-use group says: the five items of APPI Art. 27(5)(iii) — that data is jointly used (the statement),
 * the data items, the scope of joint users, the purposes of use, the responsible party — plus a name for the group.
 */
@Schema(name = "JointUseDefinition")
public record JointUseDefinition(
        @NotBlank @Size(max = 200) @Schema(example = "GMOグローバルサイン・ホールディングス グループ共同利用") @SingleLineText String name,
        @Size(max = 1000) @Schema(description = "Item 1: the statement that personal data is jointly used; a standard "
                + "sentence is used when absent", example = "当社は、以下のとおり個人データを共同利用します。")
        String statement,
        @NotEmpty @Size(max = 100) @Schema(description = "Item 2: the items of jointly used personal data")
        List<@NotBlank @Size(max = 200) @SingleLineText String> dataItems,
        @NotNull @Valid @Schema(description = "Item 3: the scope of joint users") MemberScope scope,
        @NotEmpty @Size(max = 50) @Schema(description = "Item 4: the purposes of use of the joint users")
        List<@NotBlank @Size(max = 1000) String> purposes,
        @NotNull @Valid @Schema(description = "Item 5: the party responsible for managing the data")
        Party responsibleParty) {

    public static final String STANDARD_STATEMENT_JA = "当社は、以下のとおり個人データを共同利用します。";
    public static final String STANDARD_STATEMENT_EN = "We jointly use personal data as follows.";

    /** The members outside Japan, for whom joint use does not lift APPI Art. 28. */
    @JsonIgnore
    public List<Member> foreignMembers() {
        return scope.members().stream().filter(Member::foreign).toList();
    }
}
