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
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11","action":"submit-final","incidentStatus":"PRELIM_DUE","allowedActions":["reassess","submit-preliminary","notify-eu-authority"]}""";

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

    static final String CALCULATION_REQUEST = """
            {"awarenessAt":"2025-11-30T10:00:00+09:00","detectedAt":"2025-11-30T09:15:00+09:00",
             "categories":["OVER_THRESHOLD_PERSONS"],"entrusted":false,"euResidents":false}""";

    static final String CALCULATION_REQUEST_PROVISIONAL = """
            {"awarenessAt":"2026-12-07T18:30:00+09:00","categories":[],"entrusted":true,"euResidents":true}""";

    static final String CALCULATION = """
            {"awarenessAt":"2025-11-30T01:00:00Z",
             "detectedAt":"2025-11-30T00:15:00Z",
             "awarenessDate":"2025-11-30",
             "assessed":true,
             "categories":[{"number":"(iv)","code":"OVER_THRESHOLD_PERSONS","article":"APPI Rule 7(iv)","japanese":"本人の数が千人を超える"}],
             "finalReportDays":30,
             "entrusted":false,
             "euResidents":false,
             "deadlines":[{"kind":"PRELIMINARY","dueDate":"2025-12-03","rule":"APPI Rule 8(1): promptly (速報, target 3 days)","reading":"\\"Promptly\\" (速やかに) is not a fixed period; guideline 3-5-3-3 expects about 3–5 days from knowing. Target = awareness date + 3 calendar days, no roll-forward. Hard alert: APPI Rule 8(1); guideline 3-5-3-3: about 3–5 days (速報 hard alert at 5 days).","periodEnd":"2025-12-03","skipped":[],"internalDueDate":"2025-12-03","alertDate":"2025-12-05","reminders":[],"projectedCalendar":false,"provisional":false},
              {"kind":"FINAL","dueDate":"2026-01-05","rule":"APPI Rule 8(2): 30 days","reading":"Awareness day excluded (Civil Code Art. 140): due = awareness date + N; weekends and holidays inside the period count; a due day on which administrative organs are closed moves to the next business day (Act on Holidays of Administrative Organs Art. 2). Working reading of guideline 3-5-3-4. Internal due date: awareness date + 29 days, moved back to the previous business day.","periodEnd":"2025-12-30","skipped":["2025-12-30 year-end closure (Dec 29 – Jan 3)","2025-12-31 year-end closure (Dec 29 – Jan 3)","2026-01-01 year-end closure (Dec 29 – Jan 3)","2026-01-02 year-end closure (Dec 29 – Jan 3)","2026-01-03 year-end closure (Dec 29 – Jan 3)","2026-01-04 Sunday"],"internalDueDate":"2025-12-26","reminders":["2025-12-29","2026-01-03"],"calendar":"cao-syukujitsu-2026-02 (1955-01-01..2027-11-23; re-encoded UTF-8, LF)","projectedCalendar":false,"provisional":false}],
             "notes":[{"code":"from-awareness","article":"APPI Rule 8(1),(2): from the day the business came to know (知った日)","message":"Every APPI deadline runs from awareness, not from detection: the awareness day (2025-11-30, Asia/Tokyo) is day 0 and is not counted (Civil Code Art. 140). Detection (2025-11-30T00:15:00Z) is shown for reference only; an incident recorded with awareness apart from detection needs a written justification."}],
             "calendar":"cao-syukujitsu-2026-02 (1955-01-01..2027-11-23; re-encoded UTF-8, LF)",
             "lastOfficialYear":2027,
             "projectedCalendar":false}""";

    static final String CALCULATION_INVALID = """
            {"type":"urn:kiroku:problem:validation","title":"Request is not valid","status":400,
             "detail":"1 field is not valid","instance":"/api/v1/breach-deadline-calculations",
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11",
             "violations":[{"field":"categories","in":"body","message":"must list each category at most once; WRONGFUL_PURPOSE is repeated"}]}""";

    static final String OUTSIDE_CALENDAR = """
            {"type":"urn:kiroku:problem:outside-holiday-calendar","title":"Outside the holiday calendar","status":422,
             "detail":"The deadlines cannot be counted: the administrative-holiday calendar covers 1955-01-01..2099-12-31 (the Cabinet Office list to 2027, projected from the Act on National Holidays after it)",
             "instance":"/api/v1/breach-deadline-calculations","requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11",
             "violations":[{"field":"awarenessAt","in":"body","message":"must be an instant whose deadlines fall within the holiday calendar, 1955-01-01..2099-12-31 (Asia/Tokyo)","rule":"Act on Holidays of Administrative Organs (行政機関の休日に関する法律) Art. 1(1), 2"}]}""";

    private Examples() {
    }
}
