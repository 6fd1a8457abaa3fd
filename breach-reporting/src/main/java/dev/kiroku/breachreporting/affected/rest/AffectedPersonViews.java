package dev.kiroku.breachreporting.affected.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiroku.breachreporting.affected.AffectedPerson;
import dev.kiroku.breachreporting.affected.AffectedPersonSource;
import dev.kiroku.breachreporting.affected.AffectedSubject;
import dev.kiroku.breachreporting.affected.ImportJob;
import dev.kiroku.breachreporting.affected.ImportStatus;
import dev.kiroku.breachreporting.affected.Rejection;
import dev.kiroku.platform.web.input.SingleLineText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** API types of affected persons and their import jobs (entities are never serialised). */
final class AffectedPersonViews {

    private AffectedPersonViews() {
    }

    @Schema(name = "AffectedPersonImportRejection", description = "A rejected row: where and why, never the value")
    record RejectionView(@Schema(description = "The row's number in the file, the header being row 1", example = "7")
                         long row,
                         @Schema(description = "The column, or * for the row as a whole", example = "email")
                         String column,
                         @Schema(example = "is not an e-mail address") String message) {

        static RejectionView of(Rejection r) {
            return new RejectionView(r.row(), r.column(), r.message());
        }
    }

    @Schema(name = "AffectedPersonImport", description = "An import or derivation of affected persons and its progress")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImportView(UUID id, UUID incidentId,
                      @Schema(description = "CSV_IMPORT or PROVISION_RECORDS") AffectedPersonSource kind,
                      ImportStatus status,
                      @Schema(description = "Rows in the file, or subjects provision-records counts; absent until "
                              + "known") Long total,
                      @Schema(description = "Rows or subjects processed so far (moves per committed chunk)")
                      long processed,
                      @Schema(description = "processed / total, 0–100, when the total is known") Double percent,
                      @Schema(description = "Persons newly named on the incident") long added,
                      @Schema(description = "Persons already named whose missing name or e-mail address this job "
                              + "added") long completed,
                      @Schema(description = "Rows naming a person already named (in this file or before) and adding "
                              + "nothing") long duplicates,
                      @Schema(description = "Rows refused; the first ones are listed in `rejections`") long rejected,
                      List<RejectionView> rejections,
                      @Schema(description = "A derivation's filter") Map<String, Object> filter,
                      @Schema(description = "Why the job failed (the chunks before stay; start a new job to retry)")
                      String failure,
                      @Schema(description = "Persons on record when the job completed") Long personsOnRecord,
                      @Schema(description = "What the count did to the incident's Rule 7 assessment")
                      String assessmentOutcome,
                      String requestedBy, Instant startedAt, Instant finishedAt) {

        static ImportView of(ImportJob job, List<Rejection> rejections) {
            Double percent = job.total().map(t -> t == 0 ? 100.0
                    : Math.floor(1000.0 * job.processed() / t) / 10.0).orElse(null);
            return new ImportView(job.id(), job.incidentId(), job.kind(), job.status(), job.total().orElse(null),
                    job.processed(), percent, job.added(), job.completed(), job.duplicates(), job.rejected(),
                    rejections.stream().map(RejectionView::of).toList(), job.filter().orElse(null),
                    job.failure().orElse(null), job.personsAfter().orElse(null),
                    job.assessmentOutcome().orElse(null), job.requestedBy(), job.startedAt(),
                    job.finishedAt().orElse(null));
        }
    }

    @Schema(name = "AffectedPersonCounterparty", description = "The counterparty whose records name the persons")
    record CounterpartyFilter(
            @Pattern(regexp = "\\d{13}", message = "must be the 13-digit corporate number")
            @Schema(description = "Corporate number (法人番号)", example = "1234567890123") @SingleLineText String corporateNumber,
            @Size(max = 300) @Schema(example = "株式会社サンプル商事") @SingleLineText String name) {
    }

    @Schema(name = "AffectedPersonDerivation", description = "Whose records to read from provision-records")
    record DerivationRequest(
            @NotNull @Valid CounterpartyFilter counterparty,
            @Size(max = 20) @Schema(description = "provision-records data items (any of them; none: every item)",
                    example = "[\"EMAIL\", \"CREDIT_CARD\"]")
            Set<@NotNull @Pattern(regexp = "[A-Z][A-Z_]{0,63}", message = "must be a data item such as EMAIL")
                    String> items,
            @NotNull @Schema(description = "Records covering a day on or after", example = "2026-10-01") LocalDate from,
            @NotNull @Schema(description = "Records covering a day on or before", example = "2026-11-20")
            LocalDate to) {
    }

    @Schema(name = "AffectedPerson", description = "A person affected by the incident. Identifier, name and e-mail "
            + "address only for breach managers and compliance officers; auditors see the source only")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PersonView(UUID id, @Schema(example = "customer-number") String scheme,
                      @Schema(example = "C-0012345") String identifier,
                      @Schema(example = "佐藤花子") String name,
                      @Schema(example = "hanako.sato@example.jp") String email,
                      @Schema(description = "Language of the person's notice", example = "ja") String language,
                      AffectedPersonSource source,
                      @Schema(description = "The import or derivation that first named the person") UUID sourceId,
                      Instant addedAt, String addedBy, Instant updatedAt) {

        static PersonView full(AffectedPerson p, AffectedPerson.Sealer sealer) {
            AffectedSubject s = p.open(sealer);
            return new PersonView(p.id(), s.scheme(), s.identifier(), s.name(), s.email(), s.language(), p.source(),
                    p.sourceId(), p.addedAt(), p.addedBy(), p.updatedAt());
        }

        static PersonView redacted(AffectedPerson p) {
            return new PersonView(p.id(), null, null, null, null, null, p.source(), p.sourceId(), p.addedAt(), null,
                    null);
        }
    }

    @Schema(name = "AffectedPersonPage")
    record PersonPage(List<PersonView> items, String next,
                      @Schema(description = "Persons on record (the count of APPI Rule 7(iv))") long total,
                      @Schema(description = "Persons by the source that first named them") Map<String, Long> bySource) {
    }
}
