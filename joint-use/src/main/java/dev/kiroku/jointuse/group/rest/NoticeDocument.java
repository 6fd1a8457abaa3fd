package dev.kiroku.jointuse.group.rest;

import dev.kiroku.jointuse.group.JointUseDefinition;
import dev.kiroku.jointuse.group.JointUseGroup;
import dev.kiroku.jointuse.group.JointUseNotice;
import dev.kiroku.jointuse.group.Member;
import dev.kiroku.jointuse.group.Party;
import io.quarkus.qute.TemplateData;

import java.time.LocalDate;
import java.util.List;

/** The data of a rendered notice (HTML and Markdown, Japanese and English). */
@TemplateData
record NoticeDocument(String groupId, String groupName, int version, String statement, String statementEn,
                      List<String> dataItems, String scopeDescription, List<MemberLine> members,
                      List<String> purposes, Party responsible, String effectiveFrom, String publishedOn,
                      boolean hasForeignMembers) {

    @TemplateData
    record MemberLine(String name, String address, String representative, String country, boolean foreign) {
    }

    /**
     * The same document with every value escaped for Markdown ({@link MarkdownText}): Qute escapes HTML templates by
     * itself, but not a Markdown one, where a value could otherwise carry a live tag or a {@code javascript:} link.
     */
    NoticeDocument markdown() {
        return new NoticeDocument(groupId, MarkdownText.escape(groupName), version, MarkdownText.escape(statement),
                MarkdownText.escape(statementEn), dataItems.stream().map(MarkdownText::escape).toList(),
                MarkdownText.escape(scopeDescription), members.stream().map(m -> new MemberLine(
                        MarkdownText.escape(m.name()), MarkdownText.escape(m.address()),
                        MarkdownText.escape(m.representative()), MarkdownText.escape(m.country()), m.foreign()))
                .toList(), purposes.stream().map(MarkdownText::escape).toList(),
                new Party(MarkdownText.escape(responsible.name()), MarkdownText.escape(responsible.address()),
                        MarkdownText.escape(responsible.representative()), responsible.corporateNumber()),
                effectiveFrom, publishedOn, hasForeignMembers);
    }

    static NoticeDocument of(JointUseNotice notice) {
        JointUseDefinition d = notice.definition();
        String statement = d.statement() != null ? d.statement() : JointUseDefinition.STANDARD_STATEMENT_JA;
        String statementEn = d.statement() != null && d.statement().chars().allMatch(c -> c < 0x3000)
                ? d.statement() : JointUseDefinition.STANDARD_STATEMENT_EN;
        List<MemberLine> members = d.scope().members().stream()
                .map((Member m) -> new MemberLine(m.name(), m.address(), m.representative(), m.country(), m.foreign()))
                .toList();
        String publishedOn = notice.publishedAt()
                .map(at -> LocalDate.ofInstant(at, JointUseGroup.LEGAL_ZONE).toString()).orElse("—");
        return new NoticeDocument(notice.groupId().toString(), d.name(), notice.versionNo(), statement, statementEn,
                d.dataItems(), d.scope().description(), members, d.purposes(), d.responsibleParty(),
                notice.effectiveFrom().toString(), publishedOn, !d.foreignMembers().isEmpty());
    }
}
