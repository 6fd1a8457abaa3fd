package dev.kiroku.breachreporting.notification.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiroku.breachreporting.incident.IncidentStatus;
import dev.kiroku.breachreporting.notification.AlternativeMeasure;
import dev.kiroku.breachreporting.notification.CampaignStatus;
import dev.kiroku.breachreporting.notification.MessageStatus;
import dev.kiroku.breachreporting.notification.NoticeContent;
import dev.kiroku.breachreporting.notification.NotificationCampaign;
import dev.kiroku.breachreporting.notification.NotificationMessage;
import dev.kiroku.breachreporting.notification.UnreachablePerson;
import dev.kiroku.breachreporting.notification.service.CampaignService.CampaignState;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The notifications API's bodies and views; entities never leave the service, views hold no personal data. */
final class CampaignApi {

    private CampaignApi() {
    }

    @Schema(name = "CampaignActionRequest", description = "Why (kept in the audit chain)")
    record ActionRequest(@Size(max = 4000) @Schema(example = "問い合わせ窓口の体制が整うまで送信を一時停止") String reason) {
    }

    @Schema(name = "NoticeConfirmationRequest", description = "An unconfirmed notice was sent after all")
    record ConfirmationRequest(
            @Schema(description = "When the relay accepted it, if known", example = "2026-11-22T10:05:00+09:00")
            OffsetDateTime sentAt,
            @Size(max = 4000) @Schema(example = "送信サーバのログで Message-ID の受付を確認") String reason) {
    }

    @Schema(name = "NoticeBounceRequest", description = "A delivery status notification (DSN) reported later")
    record BounceRequest(
            @Min(400) @Max(599) @Schema(description = "The DSN's SMTP status code", example = "550") Integer smtpCode,
            @Size(max = 4000) @Schema(example = "宛先不明の配送不能通知を受領") String reason) {
    }

    @Schema(name = "CampaignCounts", description = "Notices per state")
    record Counts(long queued, long sending, long sent, long failed, long bounced, long unconfirmed) {
        static Counts of(Map<MessageStatus, Long> c) {
            return new Counts(c.get(MessageStatus.QUEUED), c.get(MessageStatus.SENDING), c.get(MessageStatus.SENT),
                    c.get(MessageStatus.FAILED), c.get(MessageStatus.BOUNCED), c.get(MessageStatus.UNCONFIRMED));
        }
    }

    @Schema(name = "CampaignIncidentNotice", description = "Whether the incident may now record notice to persons as "
            + "given: a human action (POST /api/v1/incidents/{id}/transitions)")
    record IncidentNotice(IncidentStatus incidentStatus, boolean ready, String action, String detail) {
    }

    @Schema(name = "NotificationCampaign", description = "A campaign of notices to affected persons (APPI Art. 26(2); "
            + "Rule 10)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CampaignView(UUID id, UUID incidentId, CampaignStatus status, NoticeContent content,
                        @Schema(description = "Persons queued for a notice by e-mail") int reachable,
                        @Schema(description = "Persons without an e-mail address: the alternative measure is for "
                                + "them") int unreachable,
                        Counts counts, AlternativeMeasure alternativeMeasure, boolean alternativeMeasureNeeded,
                        IncidentNotice incidentNotice, Instant createdAt, String createdBy, Instant updatedAt,
                        String updatedBy, Instant completedAt) {

        static CampaignView of(CampaignState state) {
            NotificationCampaign c = state.campaign();
            String detail;
            if (state.incidentNoticeRecordable()) {
                detail = "Every notice is settled: a breach manager or compliance officer may record "
                        + "'notify-individuals' on the incident";
            } else if (c.status() != CampaignStatus.COMPLETED) {
                detail = "Notices are still open";
            } else if (c.alternativeMeasureNeeded()) {
                detail = "Persons cannot be reached: record the alternative measure (APPI Art. 26(2) proviso) first";
            } else {
                detail = "The incident (" + state.incidentStatus() + ") does not take 'notify-individuals' now";
            }
            return new CampaignView(c.id(), c.incidentId(), c.status(), c.content(), c.reachable(), c.unreachable(),
                    Counts.of(state.counts()), c.alternativeMeasure().orElse(null), c.alternativeMeasureNeeded(),
                    new IncidentNotice(state.incidentStatus(), state.incidentNoticeRecordable(),
                            "notify-individuals", detail),
                    c.createdAt(), c.createdBy(), c.updatedAt(), c.updatedBy(), c.completedAt().orElse(null));
        }
    }

    @Schema(name = "CampaignNotice", description = "One person's notice: ids, state and SMTP facts, no personal data")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NoticeView(UUID id, UUID affectedPersonId, String language, MessageStatus status, int attempts,
                      @Schema(description = "When it is tried next (QUEUED)") Instant nextAttemptAt,
                      Instant claimedAt, Instant sentAt, Integer smtpCode, String lastError,
                      @Schema(description = "The mail's Message-ID header, to find it in the relay's log")
                      String messageId, Instant updatedAt, String updatedBy) {

        static NoticeView of(NotificationMessage m) {
            return new NoticeView(m.id(), m.affectedPersonId(), m.language(), m.status(), m.attempts(),
                    m.status() == MessageStatus.QUEUED ? m.nextAttemptAt() : null, m.claimedAt().orElse(null),
                    m.sentAt().orElse(null), m.smtpCode().orElse(null), m.lastError().orElse(null), m.messageId(),
                    m.updatedAt(), m.updatedBy());
        }
    }

    @Schema(name = "CampaignNoticePage")
    record NoticePage(List<NoticeView> items, String next) {
    }

    @Schema(name = "UnreachablePerson", description = "A person the campaign cannot reach by e-mail")
    record UnreachableView(UUID id, UUID affectedPersonId,
                           @Schema(description = "NO_EMAIL: no address is held") String reason, Instant listedAt) {
        static UnreachableView of(UnreachablePerson u) {
            return new UnreachableView(u.id(), u.affectedPersonId(), u.reason(), u.listedAt());
        }
    }

    @Schema(name = "UnreachablePersonPage")
    record UnreachablePage(List<UnreachableView> items,
                           @Schema(nullable = true, description = "Cursor of the next page; null on the last")
                           String next) {
    }
}
