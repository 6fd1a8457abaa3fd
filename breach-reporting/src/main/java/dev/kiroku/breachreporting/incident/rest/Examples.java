package dev.kiroku.breachreporting.incident.rest;

/** OpenAPI examples: a web-skimming incident at a Japanese online shop (illustrative). */
final class Examples {

    static final String DRAFT = """
            {"title":"ECサイト決済画面への不正スクリプト挿入（ウェブスキミング）の疑い",
             "detectedAt":"2026-11-20T09:15:00+09:00","awarenessAt":"2026-11-20T14:00:00+09:00",
             "awarenessJustification":"検知は自動監視によるもので、情報システム部が事態を認識したのは調査結果の報告を受けた14時",
             "detectingDepartment":"情報システム部","role":"CONTROLLER","euResidents":false}""";

    static final String FACTS = """
            {"occurrence":"MAY_HAVE_OCCURRED","kinds":["LEAK"],"specialCareData":false,"financialDamageRisk":true,
             "wrongfulPurpose":true,"dataScope":"BEING_ACQUIRED","affectedPersons":1200,"highLevelEncryption":false,
             "decryptionKeyCompromised":false,"basis":"WAF ログから決済画面への不正スクリプト挿入を確認"}""";

    static final String INCIDENT = """
            {"id":"0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b","title":"ECサイト決済画面への不正スクリプト挿入（ウェブスキミング）の疑い",
             "status":"TRIAGED","role":"CONTROLLER","detectedAt":"2026-11-20T00:15:00Z","awarenessAt":"2026-11-20T05:00:00Z",
             "awarenessJustification":"検知は自動監視によるもので、情報システム部が事態を認識したのは調査結果の報告を受けた14時",
             "detectingDepartment":"情報システム部","euResidents":false,
             "assessment":{"reportable":true,"categories":[{"number":"(iii)","code":"WRONGFUL_PURPOSE","article":"APPI Rule 7(iii)","japanese":"不正の目的をもって行われたおそれがある"}],
               "reasons":[{"code":"may-have-occurred","article":"APPI Art. 26(1); Rule 7 (発生したおそれ)","message":"An event that may have occurred is assessed as if it occurred."},
                          {"code":"category-iii-acquisition","article":"APPI Rule 7(iii) (as amended 2024-04-01)","message":"Personal information the business is trying to acquire (e.g. skimmed from an input form) falls under (iii) since 2024-04-01."}],
               "finalReportDays":60,"rulesVersion":"APPI Enforcement Rules Art. 7, as amended in force 2024-04-01"},
             "deadlines":[{"kind":"PRELIMINARY","state":"UPCOMING","daysLeft":2,"dueDate":"2026-11-23","rule":"APPI Rule 8(1): promptly (速報, target 3 days)","internalDueDate":"2026-11-23","alertDate":"2026-11-25","skipped":[],"reminders":[],"projectedCalendar":false,"provisional":false},
                          {"kind":"FINAL","state":"UPCOMING","daysLeft":59,"dueDate":"2027-01-19","rule":"APPI Rule 8(2): 60 days for Rule 7(iii)","periodEnd":"2027-01-19","skipped":[],"internalDueDate":"2027-01-18","reminders":["2027-01-12","2027-01-17"],"calendar":"cao-syukujitsu-2026-02 (1955-01-01..2027-11-23; re-encoded UTF-8, LF)","projectedCalendar":false,"provisional":false}],
             "filings":[],"allowedActions":["reassess","notify-principal","decide-not-reportable","start-reporting"],"transitions":1,
             "affectedPersonsOnRecord":0,"createdAt":"2026-11-20T05:10:00Z","createdBy":"breach-manager","updatedAt":"2026-11-20T05:30:00Z","version":1}""";

    static final String TRANSITION = """
            {"action":"submit-preliminary","reason":"個人情報保護委員会へ速報を提出（受付番号 R8-12345）","occurredAt":"2026-11-22T16:30:00+09:00"}""";

    static final String NOT_REPORTABLE = """
            {"action":"decide-not-reportable","reason":"誤送信先から未開封のまま削除した旨の書面による確認を受領。高度な暗号化済みで鍵は漏えいしていないため、規則7条各号に該当しない。"}""";

    static final String ILLEGAL = """
            {"type":"urn:kiroku:problem:incident-illegal-transition","title":"Illegal transition","status":409,
             "detail":"'submit-final' is not allowed when the incident is PRELIM_DUE","instance":"/api/v1/incidents/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b/transitions",
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11","action":"submit-final","status":"PRELIM_DUE","allowedActions":["reassess","submit-preliminary","notify-eu-authority"]}""";

    static final String REFUSED = """
            {"type":"urn:kiroku:problem:incident-refused","title":"Not allowed for this incident","status":422,
             "detail":"'decide-not-reportable' is not allowed as requested","instance":"/api/v1/incidents/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b/transitions",
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11",
             "violations":[{"field":"assessment","in":"body","message":"the assessment finds categories [(iii) APPI Rule 7(iii)]: a reportable event cannot be decided not reportable; re-assess with the facts first","rule":"APPI Art. 26(1); Rule 7"}]}""";

    static final String GOVERNED = """
            {"type":"urn:kiroku:problem:governed-breach-decision","title":"Governed breach decision","status":403,
             "detail":"'decide-not-reportable' is a governed decision: only a breach manager may take it",
             "instance":"/api/v1/incidents/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b/transitions","requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11"}""";

    static final String NOT_FOUND = """
            {"type":"urn:kiroku:problem:not-found","title":"Not found","status":404,
             "detail":"There is no incident 0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b","instance":"/api/v1/incidents/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b",
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11"}""";

    private Examples() {
    }
}
