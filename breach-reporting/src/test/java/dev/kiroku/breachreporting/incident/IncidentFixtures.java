package dev.kiroku.breachreporting.incident;

import dev.kiroku.breachreporting.incident.rules.AssessmentFacts;
import dev.kiroku.breachreporting.incident.rules.AssessmentFacts.DataScope;
import dev.kiroku.breachreporting.incident.rules.AssessmentFacts.EventKind;
import dev.kiroku.breachreporting.incident.rules.AssessmentFacts.Occurrence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

/** Incidents and assessment facts for tests (illustrative; no personal data). */
public final class IncidentFixtures {

    public static final ZoneOffset JST = ZoneOffset.ofHours(9);

    private IncidentFixtures() {
    }

    public static IncidentDraft draft(OffsetDateTime awareness) {
        return new IncidentDraft("顧客向けメールの誤送信", awareness, awareness, null, "カスタマーサポート部",
                ReportingRole.CONTROLLER, null, false);
    }

    public static IncidentDraft entrusted(OffsetDateTime awareness) {
        return new IncidentDraft("委託業務サーバへの不正アクセス", awareness, awareness, null, "情報システム部",
                ReportingRole.ENTRUSTED, "株式会社サンプル商事", false);
    }

    public static IncidentDraft withEu(IncidentDraft d) {
        return new IncidentDraft(d.title(), d.detectedAt(), d.awarenessAt(), d.awarenessJustification(),
                d.detectingDepartment(), d.role(), d.principalName(), true);
    }

    /** More than 1,000 persons: Rule 7(iv), 30 days. */
    public static AssessmentFacts overThreshold() {
        return new AssessmentFacts(Occurrence.OCCURRED, Set.of(EventKind.LEAK), false, false, false, DataScope.HELD,
                1500L, false, false, "誤送信先 1,500 名");
    }

    /** Rule 7(iii) and (iv): 60 days. */
    public static AssessmentFacts wrongfulOverThreshold() {
        return new AssessmentFacts(Occurrence.MAY_HAVE_OCCURRED, Set.of(EventKind.LEAK), false, false, true,
                DataScope.HELD, 1500L, false, false, "不正アクセスの痕跡を確認");
    }

    /** Nothing reportable: few persons, no category. */
    public static AssessmentFacts minor() {
        return new AssessmentFacts(Occurrence.OCCURRED, Set.of(EventKind.LEAK), false, false, false, DataScope.HELD,
                3L, false, false, "3 名分の氏名・メールアドレスの誤送信");
    }
}
