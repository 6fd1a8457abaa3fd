package dev.kiroku.provisionrecords.provision.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiroku.platform.web.LawTexts;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.provisionrecords.provision.Art28Route;
import dev.kiroku.provisionrecords.provision.Counterparty;
import dev.kiroku.provisionrecords.provision.DataItem;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.Order11Ground;
import dev.kiroku.provisionrecords.provision.Period;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.RecordMethod;
import dev.kiroku.provisionrecords.provision.Subject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the provision API answers: records, pages, histories and batch results. */
public final class RecordViews {

    private RecordViews() {
    }

    /** One version of a record. */
    @Schema(name = "ProvisionRecord")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordView(UUID id, UUID lineageId, int versionNo, UUID correctsId, String correctionReason,
                      String clientEventId, Direction direction, LegalBasis legalBasis,
                      @Schema(example = "APPI Art. 27(2)") String legalBasisArticle,
                      @Schema(description = "A record the law requires (Art. 29 / 30); false = voluntary evidence, "
                              + "not disclosed as a statutory record") boolean statutory,
                      RecordMethod method, String contractRef, boolean goodsOrServices, Counterparty counterparty,
                      @Schema(description = "Absent once the record was purged") Subject subject,
                      List<DataItem> dataItems, List<String> otherItems, LocalDate providedOn, Period period,
                      String consentRef, String acquisitionCircumstances, String ppcPublicationRef,
                      Art28Route foreignTransferRoute,
                      @Schema(description = "Route RECIPIENT_SYSTEM: where the provider's Art. 28(3) / Rule 18 "
                              + "measures are documented") String foreignTransferMeasuresRef,
                      Order11Ground order11Ground, OffsetDateTime recordedAt,
                      String recordedBy, RetentionView retention, OffsetDateTime purgedAt, String contentSha256,
                      @Schema(description = "The audit-chain entry that recorded this version (its entryId)") UUID auditEntryId) {

        public static RecordView of(ProvisionRecord r) {
            var e = r.event();
            return new RecordView(r.id(), r.lineageId(), r.versionNo(), r.correctsId(), r.correctionReason(),
                    e.clientEventId(), e.direction(), e.legalBasis(), e.legalBasis().article(), r.statutory(),
                    e.method(), e.contractRef(), e.goodsOrServices(), e.counterparty(), e.subject(), e.dataItems(),
                    e.otherItems(), e.providedOn(), e.period(), e.consentRef(), e.acquisitionCircumstances(),
                    e.ppcPublicationRef(), e.foreignTransfer() == null ? null : e.foreignTransfer().route(),
                    e.foreignTransfer() == null ? null : e.foreignTransfer().measuresRef(), e.order11Ground(), r.recordedAt(), r.recordedBy(), RetentionView.of(r.retention()), r.purgedAt(),
                    r.contentSha256(), r.auditEntryId());
        }
    }

    /** How long a record is kept and by which rule. */
    @Schema(name = "Retention")
    public record RetentionView(@Schema(description = "Kept up to and including this day (Asia/Tokyo); absent while a bulk "
            + "period is open") LocalDate retainUntil, LocalDate legalRetainUntil,
                         @Schema(example = "APPI Art. 29(2), Rule 21(1)(iii) / Art. 30(4), Rule 25(1)(iii): 3 years "
                                 + "from the record's creation") String rule) {

        static RetentionView of(ProvisionRecord.Retention r) {
            // records made before the rule tables lost their verification markers still store them
            return new RetentionView(r.retainUntil(), r.legalRetainUntil(), LawTexts.withoutMarkers(r.rule()));
        }
    }

    /** A page of search results with the total that matches. */
    @Schema(name = "ProvisionRecordPage")
    record Page(List<RecordView> items, String next, long total,
                @Schema(description = "Ids of records on this page that could not be rendered (logged; empty as a "
                        + "rule): one such record never fails the search") List<String> unrendered) {
    }

    /** Every version of a record, oldest first. */
    @Schema(name = "ProvisionRecordHistory")
    record History(UUID lineageId, UUID currentId, List<RecordView> versions) {
    }

    /** One event's outcome. */
    /** What happened to one event of a batch. */
    enum ItemStatus { CREATED, DUPLICATE, REJECTED }

    @Schema(name = "ProvisionBatchItem")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BatchItem(int index, String clientEventId, ItemStatus status,
                     @Schema(description = "The record created, or the one first created with this key") UUID id,
                     String location, Problem problem) {
    }

    /** The batch's answer: counts and one item per event, in order. */
    @Schema(name = "ProvisionBatchResult")
    record BatchResult(int created, int duplicates, int rejected, List<BatchItem> items) {
    }
}
