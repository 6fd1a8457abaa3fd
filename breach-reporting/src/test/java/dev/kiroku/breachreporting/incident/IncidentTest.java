package dev.kiroku.breachreporting.incident;

import dev.kiroku.breachreporting.incident.rules.DeadlineCalculator;
import dev.kiroku.breachreporting.incident.rules.DeadlineKind;
import dev.kiroku.breachreporting.incident.rules.Filing;
import dev.kiroku.breachreporting.incident.rules.JapaneseAdministrativeCalendar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.kiroku.breachreporting.incident.IncidentFixtures.JST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The incident aggregate: its transition table (docs/law.md §E10), guards, snapshots and frozen filings. */
class IncidentTest {

    static final DeadlineCalculator CALCULATOR = new DeadlineCalculator(JapaneseAdministrativeCalendar.load(), 1);
    static final OffsetDateTime AWARE = OffsetDateTime.of(2026, 6, 1, 10, 0, 0, 0, JST);
    static final Instant T0 = AWARE.toInstant();

    static Instant day(int plusDays) {
        return T0.plusSeconds(86_400L * plusDays);
    }

    static Incident recorded(IncidentDraft draft) {
        return Incident.record(draft, "breach-manager", T0);
    }

    static Incident act(Incident incident, IncidentAction action, int onDay) {
        incident.apply(action, "理由: " + action.wireName(), day(onDay), "breach-manager", day(onDay), CALCULATOR);
        return incident;
    }

    /** An entrusted incident driven along the reporting path into the given state. */
    static Incident in(IncidentStatus status) {
        Incident i = recorded(IncidentFixtures.withEu(IncidentFixtures.entrusted(AWARE)));
        if (status == IncidentStatus.DETECTED) {
            return i;
        }
        if (status == IncidentStatus.CLOSED_INTERNAL) {
            i.assess(IncidentFixtures.minor(), null, "breach-manager", day(0), CALCULATOR);
            return act(i, IncidentAction.DECIDE_NOT_REPORTABLE, 1);
        }
        i.assess(IncidentFixtures.overThreshold(), null, "breach-manager", day(0), CALCULATOR);
        List<IncidentAction> path = switch (status) {
            case TRIAGED -> List.of();
            case PRINCIPAL_NOTIFIED -> List.of(IncidentAction.NOTIFY_PRINCIPAL);
            case PRELIM_DUE -> List.of(IncidentAction.START_REPORTING);
            case PRELIM_SUBMITTED -> List.of(IncidentAction.START_REPORTING, IncidentAction.SUBMIT_PRELIMINARY);
            case INDIVIDUALS_NOTIFIED -> List.of(IncidentAction.START_REPORTING, IncidentAction.SUBMIT_PRELIMINARY,
                    IncidentAction.NOTIFY_INDIVIDUALS);
            case ALT_MEASURE_PUBLISHED -> List.of(IncidentAction.START_REPORTING, IncidentAction.SUBMIT_PRELIMINARY,
                    IncidentAction.PUBLISH_ALTERNATIVE_MEASURE);
            case INDIVIDUALS_DEFERRED -> List.of(IncidentAction.START_REPORTING, IncidentAction.SUBMIT_PRELIMINARY,
                    IncidentAction.DEFER_INDIVIDUAL_NOTICE);
            case FINAL_DUE -> List.of(IncidentAction.START_REPORTING, IncidentAction.SUBMIT_PRELIMINARY,
                    IncidentAction.NOTIFY_INDIVIDUALS, IncidentAction.AWAIT_FINAL);
            case FINAL_SUBMITTED -> List.of(IncidentAction.START_REPORTING, IncidentAction.SUBMIT_PRELIMINARY,
                    IncidentAction.NOTIFY_INDIVIDUALS, IncidentAction.AWAIT_FINAL, IncidentAction.SUBMIT_FINAL);
            case SUPPLEMENTED -> List.of(IncidentAction.START_REPORTING, IncidentAction.SUBMIT_PRELIMINARY,
                    IncidentAction.NOTIFY_INDIVIDUALS, IncidentAction.AWAIT_FINAL, IncidentAction.SUBMIT_FINAL,
                    IncidentAction.SUPPLEMENT);
            case CLOSED -> List.of(IncidentAction.START_REPORTING, IncidentAction.SUBMIT_PRELIMINARY,
                    IncidentAction.NOTIFY_INDIVIDUALS, IncidentAction.AWAIT_FINAL, IncidentAction.SUBMIT_FINAL,
                    IncidentAction.CLOSE);
            default -> throw new IllegalArgumentException(status.name());
        };
        int onDay = 1;
        for (IncidentAction action : path) {
            act(i, action, onDay++);
        }
        assertThat(i.status()).isEqualTo(status);
        return i;
    }

    static Stream<Arguments> illegalTransitions() {
        List<Arguments> cases = new ArrayList<>();
        for (IncidentAction action : IncidentAction.values()) {
            if (action == IncidentAction.ASSESS || action == IncidentAction.REASSESS) {
                continue;
            }
            for (IncidentStatus status : IncidentStatus.values()) {
                if (action.target(status).isEmpty()) {
                    cases.add(Arguments.of(action, status));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} from {1} → 409")
    @MethodSource("illegalTransitions")
    @DisplayName("docs/law.md §E10: every action outside the transition table is an illegal transition")
    void everyIllegalTransitionIsRefused(IncidentAction action, IncidentStatus status) {
        Incident incident = in(status);
        int before = incident.transitions().size();
        assertThatThrownBy(() -> incident.apply(action, "理由", null, "breach-manager", day(20), CALCULATOR))
                .isInstanceOfSatisfying(IllegalIncidentTransition.class, e -> {
                    assertThat(e.action()).isEqualTo(action);
                    assertThat(e.from()).isEqualTo(status);
                });
        assertThat(incident.status()).isEqualTo(status);
        assertThat(incident.transitions()).hasSize(before);
    }

    @ParameterizedTest(name = "assess in {0} → 409")
    @EnumSource(value = IncidentStatus.class, names = {"PRINCIPAL_NOTIFIED", "CLOSED_INTERNAL", "CLOSED"})
    @DisplayName("An ended incident can no longer be assessed")
    void anEndedIncidentCannotBeAssessed(IncidentStatus status) {
        Incident incident = in(status);
        assertThatThrownBy(() -> incident.assess(IncidentFixtures.overThreshold(), null, "m", day(20), CALCULATOR))
                .isInstanceOf(IllegalIncidentTransition.class);
    }

    @Test
    @DisplayName("Every transition records actor, times, reason and a snapshot of the incident after it")
    void transitionsRecordActorTimeReasonAndSnapshot() {
        Incident incident = in(IncidentStatus.PRELIM_SUBMITTED);
        IncidentTransition last = incident.transitions().get(incident.transitions().size() - 1);
        assertThat(last.action()).isEqualTo("submit-preliminary");
        assertThat(last.fromStatus()).isEqualTo(IncidentStatus.PRELIM_DUE);
        assertThat(last.toStatus()).isEqualTo(IncidentStatus.PRELIM_SUBMITTED);
        assertThat(last.actor()).isEqualTo("breach-manager");
        assertThat(last.occurredAt()).isEqualTo(day(2));
        assertThat(last.reason()).contains("理由: submit-preliminary");
        assertThat(last.snapshot()).containsEntry("status", "PRELIM_SUBMITTED")
                .containsKeys("assessment", "deadlines", "filings");
        assertThat(incident.transitions()).extracting(IncidentTransition::seq).containsExactly(1, 2, 3);
    }

    @Test
    @DisplayName("APPI Rule 8(1),(2): awareness that differs from detection needs a written justification")
    void awarenessDifferentFromDetectionNeedsAJustification() {
        IncidentDraft d = IncidentFixtures.draft(AWARE);
        IncidentDraft later = new IncidentDraft(d.title(), AWARE.minusHours(5), AWARE, " ", d.detectingDepartment(),
                d.role(), null, false);
        assertThatThrownBy(() -> Incident.record(later, "m", T0)).isInstanceOfSatisfying(IncidentRefusal.class,
                r -> assertThat(r.reasons()).extracting(IncidentRefusal.Reason::field)
                        .containsExactly("awarenessJustification"));
        IncidentDraft justified = new IncidentDraft(d.title(), AWARE.minusHours(5), AWARE, "監視アラートは夜間で、部門が認識したのは翌朝",
                d.detectingDepartment(), d.role(), null, false);
        assertThat(Incident.record(justified, "m", T0).awarenessJustification()).isPresent();
    }

    @Test
    @DisplayName("APPI Rule 9 [M]: an entrusted party names its principal; a controller has none")
    void anEntrustedPartyNamesItsPrincipal() {
        IncidentDraft d = IncidentFixtures.entrusted(AWARE);
        IncidentDraft missing = new IncidentDraft(d.title(), AWARE, AWARE, null, d.detectingDepartment(),
                ReportingRole.ENTRUSTED, null, false);
        assertThatThrownBy(() -> Incident.record(missing, "m", T0)).isInstanceOf(IncidentRefusal.class);
        IncidentDraft controller = new IncidentDraft(d.title(), AWARE, AWARE, null, d.detectingDepartment(),
                ReportingRole.CONTROLLER, "株式会社サンプル商事", false);
        assertThatThrownBy(() -> Incident.record(controller, "m", T0)).isInstanceOf(IncidentRefusal.class);
    }

    @Test
    @DisplayName("APPI Rule 9 [M]: an entrusted party that notifies its principal is released — no APPI deadline remains")
    void notifyingThePrincipalReleasesTheEntrustedParty() {
        Incident incident = in(IncidentStatus.PRINCIPAL_NOTIFIED);
        assertThat(incident.deadlines(CALCULATOR)).extracting(d -> d.kind())
                .containsExactly(DeadlineKind.GDPR_SUPERVISORY);
        Incident controller = recorded(IncidentFixtures.draft(AWARE));
        controller.assess(IncidentFixtures.overThreshold(), null, "m", day(0), CALCULATOR);
        assertThatThrownBy(() -> act(controller, IncidentAction.NOTIFY_PRINCIPAL, 1))
                .isInstanceOfSatisfying(IncidentRefusal.class, r -> assertThat(r.reasons().get(0).article())
                        .contains("APPI Rule 9"));
    }

    @Test
    @DisplayName("APPI Art. 26(1), Rule 7: a governed 'not reportable' needs a non-reportable assessment and a rationale")
    void notReportableNeedsANonReportableAssessmentAndARationale() {
        Incident reportable = recorded(IncidentFixtures.draft(AWARE));
        reportable.assess(IncidentFixtures.overThreshold(), null, "m", day(0), CALCULATOR);
        assertThatThrownBy(() -> act(reportable, IncidentAction.DECIDE_NOT_REPORTABLE, 1))
                .isInstanceOfSatisfying(IncidentRefusal.class, r -> assertThat(r.reasons().get(0).message())
                        .contains("APPI Rule 7(iv)"));
        Incident minor = recorded(IncidentFixtures.draft(AWARE));
        minor.assess(IncidentFixtures.minor(), null, "m", day(0), CALCULATOR);
        assertThatThrownBy(() -> minor.apply(IncidentAction.DECIDE_NOT_REPORTABLE, "  ", null, "m", day(1), CALCULATOR))
                .isInstanceOfSatisfying(IncidentRefusal.class, r -> assertThat(r.reasons().get(0).field())
                        .isEqualTo("reason"));
        minor.apply(IncidentAction.DECIDE_NOT_REPORTABLE, "3 名・要配慮情報なし・財産的被害のおそれなし", null, "breach-manager",
                day(1), CALCULATOR);
        assertThat(minor.status()).isEqualTo(IncidentStatus.CLOSED_INTERNAL);
        assertThat(minor.notReportableRationale()).contains("3 名・要配慮情報なし・財産的被害のおそれなし");
        assertThat(minor.deadlines(CALCULATOR)).isEmpty();
    }

    @Test
    @DisplayName("APPI Rule 8(2): re-assessment to Rule 7(iii) after the preliminary report moves the final deadline to 60 days")
    void reassessmentToCategoryThreeMovesTheFinalDeadline() {
        Incident incident = in(IncidentStatus.PRELIM_SUBMITTED);
        assertThat(finalDue(incident)).isEqualTo(LocalDate.of(2026, 7, 1));
        incident.assess(IncidentFixtures.wrongfulOverThreshold(), "フォレンジック調査で不正アクセスを確認", "m", day(5),
                CALCULATOR);
        assertThat(incident.status()).isEqualTo(IncidentStatus.PRELIM_SUBMITTED);
        assertThat(finalDue(incident)).isEqualTo(LocalDate.of(2026, 7, 31));
        assertThat(incident.transitions().get(incident.transitions().size() - 1).action()).isEqualTo("reassess");
    }

    @Test
    @DisplayName("APPI Art. 26(1), Rule 7: once reporting started, a re-assessment may not drop a category")
    void aDowngradeAfterReportingStartedIsRefused() {
        Incident incident = in(IncidentStatus.PRELIM_DUE);
        assertThatThrownBy(() -> incident.assess(IncidentFixtures.minor(), null, "m", day(3), CALCULATOR))
                .isInstanceOf(IncidentRefusal.class);
        assertThat(incident.assessment().orElseThrow().reportable()).isTrue();
    }

    @Test
    @DisplayName("Lateness is frozen at the first filing: a later re-assessment to 60 days does not make a late final report on time")
    void latenessStaysFrozenAfterAReassessment() {
        Incident incident = in(IncidentStatus.FINAL_DUE);
        // final report filed on 2026-07-03, two days after the 30-day due date 2026-07-01
        incident.apply(IncidentAction.SUBMIT_FINAL, null, OffsetDateTime.of(2026, 7, 3, 12, 0, 0, 0, JST).toInstant(),
                "breach-manager", day(33), CALCULATOR);
        Filing frozen = incident.filing(DeadlineKind.FINAL).orElseThrow();
        assertThat(frozen.late()).isTrue();
        assertThat(frozen.daysLate()).isEqualTo(2);
        incident.assess(IncidentFixtures.wrongfulOverThreshold(), "追加調査", "m", day(34), CALCULATOR);
        assertThat(finalDue(incident)).isEqualTo(LocalDate.of(2026, 7, 31));
        assertThat(incident.filing(DeadlineKind.FINAL).orElseThrow()).isEqualTo(frozen);
        assertThat(incident.filing(DeadlineKind.PRELIMINARY).orElseThrow().late()).isFalse();
    }

    @Test
    @DisplayName("APPI Art. 26(2), Rule 10: an incident cannot close while notice to persons is deferred")
    void deferredNoticeBlocksClosing() {
        Incident incident = in(IncidentStatus.INDIVIDUALS_DEFERRED);
        act(incident, IncidentAction.AWAIT_FINAL, 5);
        act(incident, IncidentAction.SUBMIT_FINAL, 6);
        assertThatThrownBy(() -> act(incident, IncidentAction.CLOSE, 7))
                .isInstanceOfSatisfying(IncidentRefusal.class, r -> assertThat(r.reasons().get(0).article())
                        .contains("Art. 26(2)"));
        act(incident, IncidentAction.NOTIFY_INDIVIDUALS, 7);
        assertThat(incident.status()).isEqualTo(IncidentStatus.FINAL_SUBMITTED);
        act(incident, IncidentAction.CLOSE, 8);
        assertThat(incident.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThatThrownBy(() -> act(incident, IncidentAction.NOTIFY_INDIVIDUALS, 9))
                .isInstanceOf(IllegalIncidentTransition.class);
    }

    @Test
    @DisplayName("GDPR Art. 33(1): notifying the EU authority freezes its 72-hour lateness, once")
    void gdprNotificationIsFrozenOnce() {
        Incident incident = in(IncidentStatus.TRIAGED);
        incident.apply(IncidentAction.NOTIFY_EU_AUTHORITY, null, T0.plusSeconds(80 * 3600), "m", day(4), CALCULATOR);
        Filing gdpr = incident.filing(DeadlineKind.GDPR_SUPERVISORY).orElseThrow();
        assertThat(gdpr.late()).isTrue();
        assertThat(gdpr.hoursLate()).isEqualTo(8);
        assertThatThrownBy(() -> act(incident, IncidentAction.NOTIFY_EU_AUTHORITY, 5))
                .isInstanceOf(IllegalIncidentTransition.class);
        Incident noEu = recorded(IncidentFixtures.draft(AWARE));
        assertThatThrownBy(() -> act(noEu, IncidentAction.NOTIFY_EU_AUTHORITY, 1)).isInstanceOf(IncidentRefusal.class);
    }

    @Test
    @DisplayName("A filing cannot be dated in the future or before awareness")
    void occurredAtIsBounded() {
        Incident incident = in(IncidentStatus.PRELIM_DUE);
        assertThatThrownBy(() -> incident.apply(IncidentAction.SUBMIT_PRELIMINARY, null, day(10), "m", day(2),
                CALCULATOR)).isInstanceOf(IncidentRefusal.class);
        assertThatThrownBy(() -> incident.apply(IncidentAction.SUBMIT_PRELIMINARY, null, T0.minusSeconds(60), "m",
                day(2), CALCULATOR)).isInstanceOf(IncidentRefusal.class);
        assertThat(incident.status()).isEqualTo(IncidentStatus.PRELIM_DUE);
    }

    private static LocalDate finalDue(Incident incident) {
        return incident.deadlines(CALCULATOR).stream().filter(d -> d.kind() == DeadlineKind.FINAL).findFirst()
                .orElseThrow().dueDate();
    }
}
