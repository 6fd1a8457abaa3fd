package dev.kiroku.jointuse.group;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The scope of joint users: the descriptive text the notice shows and the members it covers, each of which the person
 * must be able to identify (docs/law.md §D1 item 3).
 */
@Schema(name = "JointUserScope")
public record MemberScope(
        @NotBlank @Size(max = 2000)
        @Schema(example = "当社グループ各社に記載の「関連会社・子会社」とします。") String description,
        @NotEmpty @Valid List<@NotNull Member> members) {
}
