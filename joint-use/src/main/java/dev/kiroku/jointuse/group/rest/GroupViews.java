package dev.kiroku.jointuse.group.rest;

import dev.kiroku.jointuse.group.ChangeKind;
import dev.kiroku.jointuse.group.GroupStatus;
import dev.kiroku.jointuse.group.JointUseDefinition;
import dev.kiroku.jointuse.group.JointUseGroup;
import dev.kiroku.jointuse.group.JointUseNotice;
import dev.kiroku.jointuse.group.NoticeStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The API's views of groups and notices (entities are never serialised). */
final class GroupViews {

    static final String ART_28_NOTE = "Joint use does not lift APPI Art. 28 for joint users outside Japan: unless "
            + "their country is designated by the PPC (EU and EEA states, United Kingdom) or they keep a system meeting "
            + "the Rule 16 standard (体制整備), provision to them needs Art. 28(1) consent and Art. 29 records.";

    private GroupViews() {
    }

    @Schema(name = "JointUseGroup", description = "A joint-use group and where its notice stands")
    record GroupResponse(
            UUID id,
            @Schema(example = "PUBLISHED") GroupStatus status,
            JointUseDefinition definition,
            @Schema(description = "Joint users outside Japan, for whom Art. 28 still applies") List<String> foreignMembers,
            @Schema(description = "Present when there are foreign members") String art28Note,
            @Schema(description = "The notice in force today, if any") NoticeSummary noticeInForce,
            @Schema(description = "A notice version prepared but not yet published") NoticeSummary pendingNotice,
            @Schema(description = "Number of notice versions") int noticeVersions,
            LocalDate endsOn, String endReason,
            OffsetDateTime createdAt, String createdBy, OffsetDateTime updatedAt) {

        static GroupResponse of(JointUseGroup group, LocalDate today) {
            List<String> foreign = group.definition().foreignMembers().stream().map(m -> m.name()).toList();
            return new GroupResponse(group.id(), group.status(), group.definition(), foreign,
                    foreign.isEmpty() ? null : ART_28_NOTE,
                    group.noticeInForce(today).map(n -> NoticeSummary.of(n, today)).orElse(null),
                    group.pendingNotice().map(n -> NoticeSummary.of(n, today)).orElse(null),
                    group.notices().size(), group.endsOn().orElse(null), group.endReason().orElse(null),
                    utc(group.createdAt()), group.createdBy(), utc(group.updatedAt()));
        }
    }

    @Schema(name = "JointUseNoticeSummary")
    record NoticeSummary(
            @Schema(example = "2") int version,
            @Schema(example = "PUBLISHED") NoticeStatus status,
            @Schema(example = "2026-12-15") LocalDate effectiveFrom,
            OffsetDateTime publishedAt,
            @Schema(description = "For a pending notice: the day it is due (APPI Art. 27(6): without delay)")
            LocalDate dueBy,
            @Schema(description = "A pending notice past its due date") boolean overdue) {

        static NoticeSummary of(JointUseNotice n, LocalDate today) {
            return new NoticeSummary(n.versionNo(), n.status(), n.effectiveFrom(),
                    n.publishedAt().map(GroupViews::utc).orElse(null), n.dueBy().orElse(null), n.overdueOn(today));
        }
    }

    @Schema(name = "JointUseNotice", description = "One version of a group's public notice with all five items")
    record NoticeResponse(
            UUID groupId,
            @Schema(example = "2") int version,
            @Schema(example = "PUBLISHED") NoticeStatus status,
            @Schema(example = "2026-12-15") LocalDate effectiveFrom,
            OffsetDateTime publishedAt,
            String publishedBy,
            LocalDate dueBy,
            boolean overdue,
            @Schema(description = "What this version changed (empty for the first)") Set<ChangeKind> changeKinds,
            @Schema(example = "代表取締役の交代") String reason,
            @Schema(description = "The written justification of a non-substantive items or scope change")
            String nonSubstantiveJustification,
            @Schema(description = "Item 1: the statement that data is jointly used") String statement,
            JointUseDefinition content,
            List<String> foreignMembers,
            String art28Note,
            OffsetDateTime createdAt,
            String createdBy) {

        static NoticeResponse of(JointUseNotice n, LocalDate today) {
            JointUseDefinition d = n.definition();
            List<String> foreign = d.foreignMembers().stream().map(m -> m.name()).toList();
            return new NoticeResponse(n.groupId(), n.versionNo(), n.status(), n.effectiveFrom(),
                    n.publishedAt().map(GroupViews::utc).orElse(null), n.publishedBy().orElse(null),
                    n.dueBy().orElse(null), n.overdueOn(today), n.changeKinds(), n.reason(),
                    n.nonSubstantiveJustification().orElse(null),
                    d.statement() != null ? d.statement() : JointUseDefinition.STANDARD_STATEMENT_JA, d, foreign,
                    foreign.isEmpty() ? null : ART_28_NOTE, utc(n.createdAt()), n.createdBy());
        }
    }

    static OffsetDateTime utc(java.time.Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
