package dev.kiroku.jointuse.group;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static dev.kiroku.jointuse.group.JointUseFixtures.FOREIGN_MEMBER;
import static dev.kiroku.jointuse.group.JointUseFixtures.GROUP_COMPANY;
import static dev.kiroku.jointuse.group.JointUseFixtures.RESPONSIBLE;
import static dev.kiroku.jointuse.group.JointUseFixtures.policy002;
import static dev.kiroku.jointuse.group.JointUseFixtures.tokyo;
import static dev.kiroku.jointuse.group.JointUseFixtures.withItems;
import static dev.kiroku.jointuse.group.JointUseFixtures.withMembers;
import static dev.kiroku.jointuse.group.JointUseFixtures.withPurposes;
import static dev.kiroku.jointuse.group.JointUseFixtures.withResponsible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The joint-use aggregate: its lifecycle and the change rules of APPI Art. 27(6) (plain JUnit, no container). */
class JointUseGroupTest {

    static final LocalDate DAY1 = LocalDate.of(2026, 12, 1);
    static final ChangePolicy POLICY = new ChangePolicy(14, 7);

    private static JointUseGroup published() {
        JointUseGroup group = JointUseGroup.draft(policy002(), "officer", tokyo(DAY1));
        group.publish(DAY1, "officer", tokyo(DAY1));
        return group;
    }

    private static ChangeRequest request(JointUseDefinition proposed, LocalDate effectiveFrom) {
        return new ChangeRequest(proposed, effectiveFrom, null, "reason", false, false, null, true);
    }

    private static void assertRefusedCiting(Runnable change, String field, String article) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(JointUseRefusal.class, refusal ->
                assertThat(refusal.reasons()).anySatisfy(reason -> {
                    assertThat(reason.field()).isEqualTo(field);
                    assertThat(reason.article()).contains(article);
                }));
    }

    @Nested
    class Lifecycle {

        @Test
        void aDraftIsEditedFreelyUntilPublished() {
            JointUseGroup group = JointUseGroup.draft(policy002(), "officer", tokyo(DAY1));
            group.redefine(withItems(policy002(), List.of("お名前")), tokyo(DAY1));
            assertThat(group.definition().dataItems()).containsExactly("お名前");
            assertThat(group.status()).isEqualTo(GroupStatus.DRAFT);
            assertThat(group.noticeInForce(DAY1)).isEmpty();
        }

        @Test
        void publishingCreatesTheFirstImmutableNoticeVersion() {
            JointUseGroup group = published();
            assertThat(group.status()).isEqualTo(GroupStatus.PUBLISHED);
            assertThat(group.notices()).singleElement().satisfies(n -> {
                assertThat(n.versionNo()).isEqualTo(1);
                assertThat(n.status()).isEqualTo(NoticeStatus.PUBLISHED);
            });
            assertThatThrownBy(() -> group.notice(1).orElseThrow().publish("officer", tokyo(DAY1)))
                    .isInstanceOf(IllegalGroupTransition.class);
        }

        /** APPI Art. 27(5)(iii): the items are given "in advance" — joint use cannot start before its notice. */
        @Test
        void jointUseCannotStartBeforeItsNoticeIsPublished() {
            JointUseGroup group = JointUseGroup.draft(policy002(), "officer", tokyo(DAY1));
            assertRefusedCiting(() -> group.publish(DAY1.minusDays(1), "officer", tokyo(DAY1)), "effectiveFrom",
                    "Art. 27(5)(iii)");
        }

        @Test
        void aPublishedGroupIsNotEditedAsADraftNorPublishedTwice() {
            JointUseGroup group = published();
            assertThatThrownBy(() -> group.redefine(policy002(), tokyo(DAY1))).isInstanceOf(IllegalGroupTransition.class);
            assertThatThrownBy(() -> group.publish(DAY1, "officer", tokyo(DAY1)))
                    .isInstanceOf(IllegalGroupTransition.class);
        }

        @Test
        void anEndedGroupHasNoNoticeInForceAndRefusesChanges() {
            JointUseGroup group = published();
            group.end(DAY1.plusDays(10), "グループ再編", tokyo(DAY1.plusDays(5)));
            assertThat(group.noticeInForce(DAY1.plusDays(9))).isPresent();
            assertThat(group.noticeInForce(DAY1.plusDays(10))).isEmpty();
            assertThatThrownBy(() -> group.change(request(policy002(), null), POLICY, "officer", tokyo(DAY1)))
                    .isInstanceOf(IllegalGroupTransition.class);
        }

        @Test
        void anEndIsNeverBackDated() {
            JointUseGroup group = published();
            assertRefusedCiting(() -> group.end(DAY1.minusDays(1), "late", tokyo(DAY1)), "endsOn", "Art. 27(5)(iii)");
        }

        /** docs/law.md §D3 and A1 row 4: joint use does not lift Art. 28 for a member outside Japan. */
        @Test
        void foreignMembersAreFlagged() {
            assertThat(policy002().foreignMembers()).containsExactly(FOREIGN_MEMBER);
            assertThat(GROUP_COMPANY.foreign()).isFalse();
        }
    }

    @Nested
    class ResponsiblePartyDetails {

        Party newRepresentative = new Party(RESPONSIBLE.name(), RESPONSIBLE.address(), "代表取締役社長 鈴木 花子",
                RESPONSIBLE.corporateNumber());

        /** APPI Art. 27(6): name, address or representative → allowed, notice without delay. */
        @Test
        void aNewRepresentativeIsAllowedAndPublishedAtOnce() {
            JointUseGroup group = published();
            LocalDate changed = DAY1.plusDays(20);
            JointUseNotice notice = group.change(new ChangeRequest(withResponsible(policy002(), newRepresentative),
                    null, changed, "代表取締役の交代", false, false, null, true), POLICY, "officer",
                    tokyo(changed.plusDays(1)));
            assertThat(notice.changeKinds()).containsExactly(ChangeKind.RESPONSIBLE_PARTY_DETAILS);
            assertThat(notice.status()).isEqualTo(NoticeStatus.PUBLISHED);
            assertThat(notice.effectiveFrom()).isEqualTo(changed);
            assertThat(notice.dueBy()).contains(changed.plusDays(7));
        }

        /** APPI Art. 27(6) "without delay": a pending notice is tracked and overdue after the configured days. */
        @Test
        void aPendingNoticeIsDueAndThenOverdue() {
            JointUseGroup group = published();
            LocalDate changed = DAY1.plusDays(20);
            JointUseNotice notice = group.change(new ChangeRequest(withResponsible(policy002(), newRepresentative),
                    null, changed, "代表取締役の交代", false, false, null, false), POLICY, "officer", tokyo(changed));
            assertThat(notice.status()).isEqualTo(NoticeStatus.PENDING);
            assertThat(notice.overdueOn(changed.plusDays(7))).isFalse();
            assertThat(notice.overdueOn(changed.plusDays(8))).isTrue();
            assertThat(group.noticeInForce(changed.plusDays(8)).orElseThrow().versionNo()).isEqualTo(1);
            assertThatThrownBy(() -> group.change(request(policy002(), null), POLICY, "officer", tokyo(changed)))
                    .isInstanceOf(IllegalGroupTransition.class).hasMessageContaining("pending");

            group.publishPending(2, "officer", tokyo(changed.plusDays(9)));
            assertThat(notice.overdueOn(changed.plusDays(9))).isFalse();
            assertThat(group.noticeInForce(changed.plusDays(9)).orElseThrow().versionNo()).isEqualTo(2);
        }
    }

    @Nested
    class AdvanceNotice {

        LocalDate today = DAY1.plusDays(30);
        Instant now = tokyo(today);

        /** APPI Art. 27(6): purposes change only with notice in advance of the change. */
        @Test
        void aPurposesChangeScheduledFarEnoughAheadIsAllowed() {
            JointUseGroup group = published();
            JointUseNotice notice = group.change(request(withPurposes(policy002(), List.of("サービス向上のため")),
                    today.plusDays(14)), POLICY, "officer", now);
            assertThat(notice.changeKinds()).containsExactly(ChangeKind.PURPOSES);
            assertThat(notice.status()).isEqualTo(NoticeStatus.PUBLISHED);
            assertThat(group.noticeInForce(today.plusDays(13)).orElseThrow().versionNo()).isEqualTo(1);
            assertThat(group.noticeInForce(today.plusDays(14)).orElseThrow().versionNo()).isEqualTo(2);
        }

        /** APPI Art. 27(6): a purposes change taking effect without the minimum lead is refused. */
        @Test
        void aPurposesChangeWithoutAdvanceNoticeIsRefused() {
            JointUseGroup group = published();
            assertRefusedCiting(() -> group.change(request(withPurposes(policy002(), List.of("新目的")),
                    today.plusDays(13)), POLICY, "officer", now), "effectiveFrom", "Art. 27(6)");
            assertRefusedCiting(() -> group.change(request(withPurposes(policy002(), List.of("新目的")), null),
                    POLICY, "officer", now), "effectiveFrom", "Art. 27(6)");
            assertThat(group.notices()).hasSize(1);
        }

        /** APPI Art. 27(6) sets no minimum lead: by default the change may take effect any day after its notice. */
        @Test
        void byDefaultAPurposesChangeMayTakeEffectTheDayAfterItsNotice() {
            JointUseGroup group = published();
            ChangePolicy act = new ChangePolicy(ChangePolicy.ACT_MINIMUM_ADVANCE_NOTICE_DAYS, 7);
            assertThatThrownBy(() -> group.change(request(withPurposes(policy002(), List.of("新目的")), today), act,
                    "officer", now)).isInstanceOfSatisfying(JointUseRefusal.class, refusal ->
                    assertThat(refusal.reasons()).singleElement().satisfies(reason -> {
                        assertThat(reason.field()).isEqualTo("effectiveFrom");
                        assertThat(reason.article()).startsWith("APPI Art. 27(6)");
                    }));
            JointUseNotice notice = group.change(request(withPurposes(policy002(), List.of("新目的")),
                    today.plusDays(1)), act, "officer", now);
            assertThat(notice.effectiveFrom()).isEqualTo(today.plusDays(1));
        }

        /** APPI Art. 27(6): a longer lead is the business's own policy, and the refusal says so, not the Act. */
        @Test
        void aLongerLeadIsRefusedAsTheBusinesssPolicyNotAsTheAct() {
            JointUseGroup group = published();
            assertThatThrownBy(() -> group.change(request(withPurposes(policy002(), List.of("新目的")),
                    today.plusDays(3)), POLICY, "officer", now)).isInstanceOfSatisfying(JointUseRefusal.class,
                    refusal -> assertThat(refusal.reasons()).singleElement().satisfies(reason -> {
                        assertThat(reason.article()).startsWith("Business policy")
                                .contains(ChangePolicy.SETTING + "=14");
                        assertThat(reason.message()).contains("the Act itself allows " + today.plusDays(1));
                    }));
            assertThat(POLICY.longerThanTheAct()).isTrue();
            assertThatThrownBy(() -> new ChangePolicy(0, 7)).isInstanceOf(IllegalArgumentException.class);
        }

        /** APPI Art. 27(6): advance notice must be published when the change is scheduled. */
        @Test
        void anAdvanceNoticeCannotBeLeftPending() {
            JointUseGroup group = published();
            assertRefusedCiting(() -> group.change(new ChangeRequest(withPurposes(policy002(), List.of("新目的")),
                    today.plusDays(30), null, "r", false, false, null, false), POLICY, "officer", now), "publishNow",
                    "Art. 27(6)");
        }

        /** APPI Art. 27(6): another entity as responsible party → advance notice; a new corporate number says so. */
        @Test
        void replacingTheResponsiblePartyNeedsAdvanceNotice() {
            JointUseGroup group = published();
            Party other = new Party("GMOインターネットグループ株式会社", "東京都渋谷区桜丘町26番1号", "代表取締役 高橋 次郎",
                    "9011001029597");
            assertRefusedCiting(() -> group.change(request(withResponsible(policy002(), other), today.plusDays(1)),
                    POLICY, "officer", now), "effectiveFrom", "Art. 27(6)");
            JointUseNotice notice = group.change(request(withResponsible(policy002(), other), today.plusDays(20)),
                    POLICY, "officer", now);
            assertThat(notice.changeKinds()).containsExactly(ChangeKind.RESPONSIBLE_PARTY_REPLACED);
        }
    }

    @Nested
    class ConsentOrNewGroup {

        /** Guideline 3-6-3 [M] (docs/law.md §D2, H3 unverified wording): items cannot change without consent. */
        @Test
        void changingTheDataItemsIsRefused() {
            JointUseGroup group = published();
            assertRefusedCiting(() -> group.change(request(withItems(policy002(), List.of("お名前", "購買履歴")), null),
                    POLICY, "officer", tokyo(DAY1)), "definition.dataItems", "guideline 3-6-3");
        }

        /** Guideline 3-6-3 [M]: adding a joint user is a scope change, refused without consent. */
        @Test
        void addingAJointUserIsRefused() {
            JointUseGroup group = published();
            Member newcomer = new Member("新会社株式会社", "大阪府大阪市北区1-1", null, "JP", null);
            assertRefusedCiting(() -> group.change(request(withMembers(policy002(), List.of(GROUP_COMPANY,
                    FOREIGN_MEMBER, newcomer)), null), POLICY, "officer", tokyo(DAY1)), "definition.scope",
                    "guideline 3-6-3");
        }

        /** Guideline 3-6-3 [M]: a member renamed is not substantive; allowed with a written justification. */
        @Test
        void aRenamedMemberIsAllowedWhenJustifiedAndTheJustificationIsKept() {
            JointUseGroup group = published();
            Member renamed = new Member("GMOグローバルサイン・ジャパン株式会社", GROUP_COMPANY.address(),
                    GROUP_COMPANY.representative(), "JP", GROUP_COMPANY.corporateNumber());
            JointUseDefinition proposed = withMembers(policy002(), List.of(renamed, FOREIGN_MEMBER));
            assertRefusedCiting(() -> group.change(new ChangeRequest(proposed, null, null, "商号変更", false, true,
                    " ", true), POLICY, "officer", tokyo(DAY1)), "definition.scope", "guideline 3-6-3");
            JointUseNotice notice = group.change(new ChangeRequest(proposed, null, null, "商号変更", false, true,
                    "商号変更のみ（法人番号同一）", true), POLICY, "officer", tokyo(DAY1));
            assertThat(notice.changeKinds()).containsExactly(ChangeKind.MEMBER_SCOPE);
            assertThat(notice.nonSubstantiveJustification()).contains("商号変更のみ（法人番号同一）");
        }

        /** Guideline 3-6-3 [M]: no exception for items, even claimed non-substantive with a justification. */
        @Test
        void anItemsChangeIsRefusedEvenWhenClaimedNonSubstantive() {
            JointUseGroup group = published();
            assertRefusedCiting(() -> group.change(new ChangeRequest(withItems(policy002(), List.of("お名前", "購買履歴")),
                    null, null, "項目追加", false, true, "軽微な変更", true), POLICY, "officer", tokyo(DAY1)),
                    "definition.dataItems", "guideline 3-6-3");
        }

        /** Guideline 3-6-3 [M]: a new joint user is never a non-substantive change. */
        @Test
        void addingAJointUserIsRefusedEvenWhenClaimedNonSubstantive() {
            JointUseGroup group = published();
            Member newcomer = new Member("新会社株式会社", "大阪府大阪市北区1-1", null, "JP", null);
            assertRefusedCiting(() -> group.change(new ChangeRequest(withMembers(policy002(), List.of(GROUP_COMPANY,
                    FOREIGN_MEMBER, newcomer)), null, null, "追加", false, true, "グループ会社の追加", true), POLICY,
                    "officer", tokyo(DAY1)), "definition.scope", "guideline 3-6-3");
        }

        /** APPI Art. 27(5)(iii): a joint user's Art. 28 route is not one of the notice's items, so no scope change. */
        @Test
        void statingAForeignMembersArt28RouteIsNoChangeOfTheScope() {
            JointUseGroup group = published();
            Member withRoute = new Member(FOREIGN_MEMBER.name(), FOREIGN_MEMBER.address(),
                    FOREIGN_MEMBER.representative(), FOREIGN_MEMBER.country(), FOREIGN_MEMBER.corporateNumber(),
                    Art28Route.EQUIVALENT_COUNTRY);
            JointUseNotice notice = group.change(request(withMembers(policy002(), List.of(GROUP_COMPANY, withRoute)),
                    null), POLICY, "officer", tokyo(DAY1));
            assertThat(notice.changeKinds()).containsExactly(ChangeKind.PRESENTATION);
        }

        /** APPI Art. 28(1), Rule 15: a route the member's country cannot have is refused, also in a change. */
        @Test
        void aRouteTheMembersCountryCannotHaveIsRefused() {
            Member cn = new Member("示例有限公司", "北京市", null, "CN", null, Art28Route.EQUIVALENT_COUNTRY);
            assertThatThrownBy(() -> JointUseGroup.draft(withMembers(policy002(), List.of(GROUP_COMPANY, cn)),
                    "officer", tokyo(DAY1))).isInstanceOf(JointUseRefusal.class);
            JointUseGroup group = published();
            Member be = new Member(FOREIGN_MEMBER.name(), FOREIGN_MEMBER.address(), FOREIGN_MEMBER.representative(),
                    FOREIGN_MEMBER.country(), FOREIGN_MEMBER.corporateNumber(), Art28Route.CONSENT_28_1);
            assertRefusedCiting(() -> group.change(request(withMembers(policy002(), List.of(GROUP_COMPANY, be)),
                    null), POLICY, "officer", tokyo(DAY1)), "scope.members[1].art28Route", "Rule 15");
        }

        @Test
        void aChangeThatChangesNothingIsRefused() {
            JointUseGroup group = published();
            assertThatThrownBy(() -> group.change(request(policy002(), null), POLICY, "officer", tokyo(DAY1)))
                    .isInstanceOf(JointUseRefusal.class).hasMessageContaining("already published");
        }
    }

    @Nested
    class AsOf {

        /** Which notice was in force on a day: published by then, latest effective date on or before it. */
        @Test
        void answersTheNoticeInForceAcrossSeveralVersions() {
            JointUseGroup group = JointUseGroup.draft(policy002(), "officer", tokyo(DAY1));
            group.publish(DAY1.plusDays(2), "officer", tokyo(DAY1));
            LocalDate d10 = DAY1.plusDays(10);
            group.change(new ChangeRequest(withResponsible(policy002(), new Party(RESPONSIBLE.name(),
                    "東京都渋谷区桜丘町26番1号", RESPONSIBLE.representative(), RESPONSIBLE.corporateNumber())), null, d10,
                    "本店移転", false, false, null, true), POLICY, "officer", tokyo(d10));
            LocalDate d20 = DAY1.plusDays(20);
            group.change(request(withPurposes(group.definition(), List.of("新しい目的")), d20.plusDays(14)), POLICY,
                    "officer", tokyo(d20));

            assertThat(group.noticeInForce(DAY1)).isEmpty();
            assertThat(group.noticeInForce(DAY1.plusDays(2)).orElseThrow().versionNo()).isEqualTo(1);
            assertThat(group.noticeInForce(d10.minusDays(1)).orElseThrow().versionNo()).isEqualTo(1);
            assertThat(group.noticeInForce(d10).orElseThrow().versionNo()).isEqualTo(2);
            assertThat(group.noticeInForce(d20.plusDays(13)).orElseThrow().versionNo()).isEqualTo(2);
            assertThat(group.noticeInForce(d20.plusDays(14)).orElseThrow().versionNo()).isEqualTo(3);
        }

        /** A later version supersedes an earlier one once published, even with an earlier effective date. */
        @Test
        void aLatePublishedDetailsNoticeSupersedesTheOneBefore() {
            JointUseGroup group = published();
            LocalDate d5 = DAY1.plusDays(5);
            group.change(new ChangeRequest(withResponsible(policy002(), new Party(RESPONSIBLE.name(),
                    RESPONSIBLE.address(), "代表取締役社長 鈴木 花子", RESPONSIBLE.corporateNumber())), null,
                    DAY1.minusDays(3), "代表者交代", false, false, null, true), POLICY, "officer", tokyo(d5));
            assertThat(group.noticeInForce(d5.minusDays(1)).orElseThrow().versionNo()).isEqualTo(1);
            assertThat(group.noticeInForce(d5).orElseThrow().versionNo()).isEqualTo(2);
        }

        /** The effective day that counts is the one the change really takes (occurredOn), not a declared one. */
        @Test
        void aDetailsChangeCannotSlipInBeforeAScheduledChangeByItsOccurredDay() {
            JointUseGroup group = published();
            group.change(request(withPurposes(policy002(), List.of("新しい目的")), DAY1.plusDays(20)), POLICY,
                    "officer", tokyo(DAY1));
            assertThatThrownBy(() -> group.change(new ChangeRequest(withResponsible(group.definition(),
                    new Party(RESPONSIBLE.name(), "別住所", RESPONSIBLE.representative(), RESPONSIBLE.corporateNumber())),
                    DAY1.plusDays(30), DAY1, "移転", false, false, null, true), POLICY, "officer", tokyo(DAY1)))
                    .isInstanceOf(IllegalGroupTransition.class);
            assertThat(group.noticeInForce(DAY1).orElseThrow().versionNo()).isEqualTo(1);
        }

        /** A change scheduled for later must not leak into an earlier one: further changes wait for it. */
        @Test
        void aFurtherChangeBeforeAScheduledOneTakesEffectIsRefused() {
            JointUseGroup group = published();
            group.change(request(withPurposes(policy002(), List.of("新しい目的")), DAY1.plusDays(20)), POLICY,
                    "officer", tokyo(DAY1));
            assertThatThrownBy(() -> group.change(new ChangeRequest(withResponsible(group.definition(),
                    new Party(RESPONSIBLE.name(), "別住所", RESPONSIBLE.representative(), RESPONSIBLE.corporateNumber())),
                    null, DAY1, "移転", false, false, null, true), POLICY, "officer", tokyo(DAY1)))
                    .isInstanceOf(IllegalGroupTransition.class).hasMessageContaining("takes effect on");
        }
    }
}
