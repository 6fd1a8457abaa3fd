package dev.kiroku.breachreporting.report.rest;

/** OpenAPI examples: the reports of a web-skimming incident at a Japanese online shop (illustrative). */
final class ReportExamples {

    static final String ITEMS = """
            {"overview":{"text":"当社ECサイトの決済画面に第三者により不正なスクリプトが挿入され、入力されたクレジットカード情報が外部に送信されたおそれがある。","knownAsOf":"2026-11-20T14:00:00+09:00"},
             "personalData":{"items":["氏名","メールアドレス","クレジットカード番号","有効期限","セキュリティコード"],"knownAsOf":"2026-11-21T10:00:00+09:00"},
             "affectedPersons":{"count":1200,"estimated":true,"details":"2026年10月1日から11月20日までに決済画面で入力した顧客","knownAsOf":"2026-11-21T10:00:00+09:00"},
             "cause":{"text":"管理画面の脆弱性を突かれ決済画面のテンプレートが改ざんされた（調査中）","knownAsOf":"2026-11-21T18:00:00+09:00"},
             "secondaryDamage":{"present":true,"details":"一部の顧客から身に覚えのない請求がある旨の問合せ（3件）","knownAsOf":"2026-11-21T18:00:00+09:00"},
             "responseToPersons":{"text":"対象の顧客へ電子メールで個別に通知予定","knownAsOf":"2026-11-21T18:00:00+09:00"},
             "publication":{"published":false,"knownAsOf":"2026-11-21T18:00:00+09:00"}}""";

    static final String DRAFT = """
            {"kind":"PRELIMINARY","items":""" + ITEMS + "}";

    static final String REVISION = """
            {"items":""" + ITEMS + "}";

    static final String SUBMISSION = """
            {"channel":"PPC_WEB_FORM","submittedAt":"2026-11-22T16:30:00+09:00","receiptNumber":"R8-12345",
             "submittingBusiness":"株式会社サンプル商店","note":"個人情報保護委員会の漏えい等報告フォームから提出"}""";

    static final String DELEGATED = """
            {"channel":"DELEGATED_MINISTRY","ministry":"経済産業省","submittedAt":"2026-11-22T16:30:00+09:00",
             "submittingBusiness":"株式会社サンプル信用情報","note":"様式を添付して電子メールで提出"}""";

    static final String REPORT = """
            {"id":"0193a5b3-1a2b-7c3d-8e4f-5a6b7c8d9e0f","incidentId":"0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b","seq":1,
             "kind":"PRELIMINARY","kindJapanese":"速報","status":"SUBMITTED","items":""" + ITEMS + """
            ,"missingItems":[{"number":8,"field":"recurrencePrevention","heading":"再発防止のための措置"},
                             {"number":9,"field":"otherMatters","heading":"その他参考となる事項"}],
             "submission":{"channel":"PPC_WEB_FORM","submittedAt":"2026-11-22T07:30:00Z","receiptNumber":"R8-12345",
               "submittingBusiness":"株式会社サンプル商店","note":"個人情報保護委員会の漏えい等報告フォームから提出",
               "recordedBy":"breach-manager","recordedAt":"2026-11-22T07:35:00Z","transitionSeq":3},
             "filing":{"kind":"PRELIMINARY","filedAt":"2026-11-22T07:30:00Z","rule":"APPI Rule 8(1): promptly (速報, target 3 days)","dueDate":"2026-11-23","late":false,"daysLate":0,"hoursLate":0},
             "createdAt":"2026-11-22T07:00:00Z","createdBy":"breach-manager","updatedAt":"2026-11-22T07:20:00Z","updatedBy":"officer"}""";

    static final String SUBMITTED = """
            {"type":"urn:kiroku:problem:report-submitted","title":"Report already submitted","status":409,
             "detail":"Report 1 (PRELIMINARY) was submitted on 2026-11-22T07:30:00Z and is frozen; a later change is a supplement (追完)",
             "instance":"/api/v1/incidents/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b/reports/0193a5b3-1a2b-7c3d-8e4f-5a6b7c8d9e0f",
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11","seq":1}""";

    static final String INCOMPLETE = """
            {"type":"urn:kiroku:problem:incident-refused","title":"Not allowed for this incident","status":422,
             "detail":"The final report cannot be submitted as given",
             "instance":"/api/v1/incidents/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b/reports/0193a5b3-1a2b-7c3d-8e4f-5a6b7c8d9e0f/submissions",
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11",
             "violations":[{"field":"items.recurrencePrevention","in":"body","message":"a final report (確報) states all nine items; item (8) 再発防止のための措置 is missing (what is still unknown after reasonable effort is stated as such and supplemented later)","rule":"APPI Rule 8(2)"}]}""";

    static final String NOT_FOUND = """
            {"type":"urn:kiroku:problem:not-found","title":"Not found","status":404,
             "detail":"There is no incident 0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b","instance":"/api/v1/incidents/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b/reports",
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11"}""";

    static final String PDF_DISPOSITION =
            "inline; filename=\"report-1-preliminary-0193a5b3-1a2b-7c3d-8e4f-5a6b7c8d9e0f.pdf\"";

    static final String UNKNOWN_FORMAT = """
            {"type":"urn:kiroku:problem:validation","title":"Request is not valid","status":400,
             "detail":"1 field is not valid",
             "instance":"/api/v1/incidents/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b/reports/0193a5b3-1a2b-7c3d-8e4f-5a6b7c8d9e0f",
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11",
             "violations":[{"field":"format","in":"query","message":"must be json or pdf"}]}""";

    static final String NOT_ACCEPTABLE = """
            {"type":"urn:kiroku:problem:not-acceptable","title":"Not acceptable","status":406,
             "detail":"A report is available as application/json or application/pdf",
             "instance":"/api/v1/incidents/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b/reports/0193a5b3-1a2b-7c3d-8e4f-5a6b7c8d9e0f",
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11"}""";

    private ReportExamples() {
    }
}
