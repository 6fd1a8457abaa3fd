package dev.kiroku.breachreporting.incident;

import dev.kiroku.platform.web.input.SingleLineText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** What is known when an incident is recorded. No personal data of the affected persons belongs here. */
@Schema(name = "IncidentDraft", description = "A new incident (APPI Art. 26)")
public record IncidentDraft(
        @NotBlank @Size(max = 200) @Schema(description = "Short description of the event, without personal data",
                example = "ECサイト決済画面への不正スクリプト挿入（ウェブスキミング）の疑い") @SingleLineText String title,
        @NotNull @Schema(description = "When the event was detected (e.g. by monitoring)",
                example = "2026-11-20T09:15:00+09:00") OffsetDateTime detectedAt,
        @NotNull @Schema(description = "When the business (any department) came to know of it: the legal anchor of "
                + "every APPI deadline (Rule 8(1),(2))", example = "2026-11-20T14:00:00+09:00")
        OffsetDateTime awarenessAt,
        @Size(max = 4000) @Schema(description = "Required when awareness differs from detection: why",
                example = "検知は自動監視によるもので、情報システム部が事態を認識したのは調査結果の報告を受けた14時")
        String awarenessJustification,
        @NotBlank @Size(max = 200) @Schema(description = "The department that came to know of the event first",
                example = "情報システム部") @SingleLineText String detectingDepartment,
        @NotNull @Schema(description = "CONTROLLER, or ENTRUSTED when the data is handled for a principal (Rule 9)",
                example = "CONTROLLER") ReportingRole role,
        @Size(max = 200) @Schema(description = "The entrusting party (委託元); required for ENTRUSTED only",
                example = "株式会社サンプル商事") @SingleLineText String principalName,
        @Schema(description = "The data includes EU residents: GDPR Art. 33 applies as a second regime")
        boolean euResidents) {
}
