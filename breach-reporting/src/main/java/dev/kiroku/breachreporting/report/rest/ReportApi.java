package dev.kiroku.breachreporting.report.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiroku.breachreporting.incident.Incident;
import dev.kiroku.breachreporting.incident.rules.DeadlineKind;
import dev.kiroku.breachreporting.incident.rules.Filing;
import dev.kiroku.breachreporting.report.IncidentReport;
import dev.kiroku.breachreporting.report.ReportItems;
import dev.kiroku.breachreporting.report.ReportKind;
import dev.kiroku.breachreporting.report.Submission;
import dev.kiroku.breachreporting.report.SubmissionChannel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The reports API's request bodies and views; entities never leave the service. */
final class ReportApi {

    private ReportApi() {
    }

    @Schema(name = "ReportDraftRequest", description = "A new version of the incident's report")
    record DraftRequest(
            @NotNull @Schema(description = "PRELIMINARY (速報), FINAL (確報) or SUPPLEMENT (追完)") ReportKind kind,
            @NotNull @Valid ReportItems items) {
    }

    @Schema(name = "ReportRevision", description = "A draft's items, replaced as a whole")
    record Revision(@NotNull @Valid ReportItems items) {
    }

    @Schema(name = "ReportSubmissionRequest", description = "The record of a report's submission: filing it")
    record SubmissionRequest(
            @NotNull @Schema(description = "PPC_WEB_FORM (the PPC's online system) or DELEGATED_MINISTRY (Act Art. 150)")
            SubmissionChannel channel,
            @Size(max = 200) @Schema(description = "The competent ministry, for DELEGATED_MINISTRY only",
                    example = "経済産業省") String ministry,
            @NotNull @Schema(description = "When it was submitted: not in the future, not before awareness",
                    example = "2026-11-22T16:30:00+09:00") OffsetDateTime submittedAt,
            @Size(max = 100) @Schema(description = "The receipt number (受付番号); required for PPC_WEB_FORM",
                    example = "R8-12345") String receiptNumber,
            @NotBlank @Size(max = 300) @Schema(description = "The business that reports (not the staff member)",
                    example = "株式会社サンプル商店") String submittingBusiness,
            @Size(max = 4000) String note) {

        Submission submission() {
            return new Submission(channel, blankToNull(ministry), submittedAt.toInstant(), blankToNull(receiptNumber),
                    submittingBusiness.strip(), blankToNull(note));
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    enum ReportStatus { DRAFT, SUBMITTED }

    @Schema(name = "ReportMissingItem", description = "A Rule 8(1) item not given yet")
    record MissingItem(int number, String field, String heading) {
    }

    @Schema(name = "ReportSubmission")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SubmissionView(SubmissionChannel channel, String ministry, Instant submittedAt, String receiptNumber,
                          String submittingBusiness, String note, String recordedBy, Instant recordedAt,
                          Integer transitionSeq) {
    }

    @Schema(name = "Report", description = "One version of an incident's report to the PPC (APPI Rule 8)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReportResponse(UUID id, UUID incidentId, int seq, ReportKind kind, String kindJapanese,
                          ReportStatus status, ReportItems items, List<MissingItem> missingItems,
                          @Schema(description = "The submission record, once submitted") SubmissionView submission,
                          @Schema(description = "The incident's frozen filing this report made (preliminary and final)")
                          Filing filing,
                          Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

        static ReportResponse of(IncidentReport report, Incident incident) {
            SubmissionView submission = report.submission().map(s -> new SubmissionView(s.channel(), s.ministry(),
                    s.submittedAt(), s.receiptNumber(), s.submittingBusiness(), s.note(),
                    report.submissionRecordedBy().orElse(null), report.submissionRecordedAt().orElse(null),
                    report.transitionSeq().orElse(null))).orElse(null);
            Filing filing = null;
            if (report.submitted() && report.kind() != ReportKind.SUPPLEMENT) {
                filing = incident.filing(report.kind() == ReportKind.PRELIMINARY ? DeadlineKind.PRELIMINARY
                        : DeadlineKind.FINAL).orElse(null);
            }
            return new ReportResponse(report.id(), report.incidentId(), report.seq(), report.kind(),
                    report.kind().japanese(), report.submitted() ? ReportStatus.SUBMITTED : ReportStatus.DRAFT,
                    report.items(), report.items().missing().stream()
                            .map(i -> new MissingItem(i.number(), i.field(), i.heading())).toList(),
                    submission, filing, report.createdAt(), report.createdBy(), report.updatedAt(),
                    report.updatedBy());
        }
    }
}
