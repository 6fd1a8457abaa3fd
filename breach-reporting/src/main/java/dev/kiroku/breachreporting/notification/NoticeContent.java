package dev.kiroku.breachreporting.notification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Optional;

/**
 * A campaign's notice: the Rule 10 items in Japanese (always) and English (optional; persons whose language is English
 * get the Japanese notice when it is absent), and the inquiry contact.
 */
@Schema(name = "NoticeContent", description = "The notice's Rule 10 items in Japanese and optionally English, and "
        + "the inquiry contact")
public record NoticeContent(
        @NotNull @Valid @Schema(description = "日本語の通知") NoticeItems ja,
        @Valid @Schema(description = "The English notice, for persons whose language is en") NoticeItems en,
        @NotNull @Valid InquiryContact contact) {

    /** The items in a language, when the campaign has it. */
    public Optional<NoticeItems> in(String language) {
        return switch (language) {
            case "ja" -> Optional.of(ja);
            case "en" -> Optional.ofNullable(en);
            default -> Optional.empty();
        };
    }

    /** The template language for a person: theirs when the campaign has it, else Japanese. */
    public String languageFor(String personLanguage) {
        return in(personLanguage).isPresent() ? personLanguage : "ja";
    }
}
