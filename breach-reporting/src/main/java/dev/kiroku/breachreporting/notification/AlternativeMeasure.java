package dev.kiroku.breachreporting.notification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The alternative measure of the APPI Art. 26(2) proviso, for persons notice cannot reach: the public announcement of
 * the incident (事案の公表) and the inquiry contact set up so that people can check whether they are affected. What is
 * published carries the notice items but nothing that identifies a person.
 */
@Schema(name = "AlternativeMeasure", description = "Publication and inquiry contact for the persons who cannot be "
        + "notified (APPI Art. 26(2) proviso)")
public record AlternativeMeasure(
        @NotNull @Valid Publication publication,
        @NotNull @Valid InquiryContact inquiryContact,
        @Size(max = 4000) @Schema(example = "連絡先が不明な 12 名について公表により対応") String note,
        @Schema(readOnly = true) Instant recordedAt,
        @Schema(readOnly = true) String recordedBy) {

    @Schema(name = "AlternativeMeasurePublication")
    public record Publication(
            @NotBlank @Size(max = 300) @Schema(description = "Where it is published", example = "当社ウェブサイト「重要なお知らせ」")
            String where,
            @Size(max = 2000) @Schema(example = "https://www.sample-shop.example/news/2026/1122.html") String url,
            @NotNull @Schema(description = "The day it was published (Asia/Tokyo)", example = "2026-11-22")
            LocalDate publishedOn) {
    }

    /** The measure as recorded, by whom and when. */
    public AlternativeMeasure recorded(String actor, Instant now) {
        return new AlternativeMeasure(publication, inquiryContact, note, now, actor);
    }
}
