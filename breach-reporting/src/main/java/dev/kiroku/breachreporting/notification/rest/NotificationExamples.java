package dev.kiroku.breachreporting.notification.rest;

/** OpenAPI examples: notices after a mis-sent newsletter of a Japanese online shop (illustrative, no real person). */
final class NotificationExamples {

    private NotificationExamples() {
    }

    static final String CONTENT = """
            {"ja":{"subject":"【重要】お客様の個人情報の漏えいに関するお知らせとお詫び",
                   "overview":"2026年11月20日、当社の会員向けメール配信において宛先設定に誤りがあり、お客様の氏名とメールアドレスが他の会員の方に表示されました。",
                   "personalData":["氏名","メールアドレス"],
                   "cause":"配信ツールの宛先設定の誤り（担当者の確認漏れ）",
                   "secondaryDamage":"現時点で二次被害は確認されておりません。不審なメールにご注意ください。",
                   "otherMatters":"身に覚えのないメールに記載されたリンクは開かないでください。"},
             "en":{"subject":"Important: notice and apology concerning your personal information",
                   "overview":"On 20 November 2026 a newsletter was sent with a wrong recipient setting: your name and e-mail address were shown to other members.",
                   "personalData":["name","e-mail address"],
                   "cause":"A wrong recipient setting in the mailing tool",
                   "secondaryDamage":"No secondary damage is known so far. Please beware of suspicious e-mails.",
                   "otherMatters":"Do not open links in e-mails you do not expect."},
             "contact":{"business":"株式会社サンプル商店","desk":"個人情報お問い合わせ窓口","phone":"0120-000-000",
                        "email":"privacy@sample-shop.example","hours":"平日 9:00〜18:00"}}""";

    static final String CAMPAIGN = """
            {"id":"0193a5c0-2b3c-7d4e-8f5a-6b7c8d9e0f1a","incidentId":"0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b",
             "status":"ACTIVE","content":""" + CONTENT + """
            ,"reachable":1488,"unreachable":12,
             "counts":{"queued":1200,"sending":20,"sent":268,"failed":0,"bounced":0,"unconfirmed":0},
             "alternativeMeasureNeeded":true,
             "incidentNotice":{"incidentStatus":"PRELIM_SUBMITTED","ready":false,"action":"notify-individuals",
                               "detail":"Notices are still open"},
             "createdAt":"2026-11-22T01:00:00Z","createdBy":"breach-manager","updatedAt":"2026-11-22T01:00:00Z",
             "updatedBy":"breach-manager"}""";

    static final String ACTION = """
            {"reason":"問い合わせ窓口の体制が整うまで送信を一時停止"}""";

    static final String ALTERNATIVE_MEASURE = """
            {"publication":{"where":"当社ウェブサイト「重要なお知らせ」","url":"https://www.sample-shop.example/news/2026/1122.html",
                            "publishedOn":"2026-11-22"},
             "inquiryContact":{"business":"株式会社サンプル商店","desk":"個人情報お問い合わせ専用窓口","phone":"0120-111-222",
                               "hours":"平日 9:00〜18:00（12月27日まで土日も受付）"},
             "note":"メールアドレスの登録がない 12 名について、公表と専用窓口の設置により対応"}""";

    static final String NOTICES = """
            {"items":[{"id":"0193a5c0-3c4d-7e5f-9a6b-7c8d9e0f1a2b","affectedPersonId":"0193a5bf-1a2b-7c3d-8e4f-5a6b7c8d9e0f",
                       "language":"ja","status":"SENT","attempts":1,"claimedAt":"2026-11-22T01:00:10Z",
                       "sentAt":"2026-11-22T01:00:11Z","messageId":"<notice.0193a5c0-3c4d-7e5f-9a6b-7c8d9e0f1a2b@sample-shop.example>",
                       "updatedAt":"2026-11-22T01:00:11Z","updatedBy":"breach-reporting-7d9f8"},
                      {"id":"0193a5c0-3c4d-7e5f-9a6b-7c8d9e0f1a2c","affectedPersonId":"0193a5bf-1a2b-7c3d-8e4f-5a6b7c8d9e10",
                       "language":"en","status":"QUEUED","attempts":2,"nextAttemptAt":"2026-11-22T01:02:10Z",
                       "claimedAt":"2026-11-22T01:01:10Z","smtpCode":421,"lastError":"SMTP 421 at RCPT: try later",
                       "messageId":"<notice.0193a5c0-3c4d-7e5f-9a6b-7c8d9e0f1a2c@sample-shop.example>",
                       "updatedAt":"2026-11-22T01:01:10Z","updatedBy":"breach-reporting-7d9f8"}],
             "next":"0193a5c0-3c4d-7e5f-9a6b-7c8d9e0f1a2c"}""";

    static final String NOTICE = """
            {"id":"0193a5c0-3c4d-7e5f-9a6b-7c8d9e0f1a2d","affectedPersonId":"0193a5bf-1a2b-7c3d-8e4f-5a6b7c8d9e11",
             "language":"ja","status":"SENT","attempts":1,"claimedAt":"2026-11-22T01:00:10Z","sentAt":"2026-11-22T01:00:11Z",
             "messageId":"<notice.0193a5c0-3c4d-7e5f-9a6b-7c8d9e0f1a2d@sample-shop.example>",
             "updatedAt":"2026-11-22T03:00:00Z","updatedBy":"breach-manager"}""";

    static final String UNREACHABLE = """
            {"items":[{"id":"0193a5c0-4d5e-7f6a-8b7c-8d9e0f1a2b3c","affectedPersonId":"0193a5bf-1a2b-7c3d-8e4f-5a6b7c8d9e12",
                       "reason":"NO_EMAIL","listedAt":"2026-11-22T01:00:00Z"}],"next":null}""";

    static final String CONFIRMATION = """
            {"sentAt":"2026-11-22T10:05:00+09:00","reason":"送信サーバのログで Message-ID の受付を確認"}""";

    static final String RELEASE = """
            {"reason":"送信サーバのログに受付記録がないため再送"}""";

    static final String BOUNCE = """
            {"smtpCode":550,"reason":"宛先不明の配送不能通知（DSN）を受領"}""";

    static final String NOTHING_TO_NOTIFY = """
            {"type":"urn:kiroku:problem:no-persons-to-notify","title":"Nobody to notify","status":409,
             "detail":"Every affected person of the incident already has a notice or was already listed for the alternative measure; add persons first",
             "instance":"/api/v1/incidents/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b/notification-campaigns","requestId":"req-7f3a"}""";

    static final String NOTICE_STATE = """
            {"type":"urn:kiroku:problem:notice-state","title":"Not allowed in the notice's state","status":409,
             "detail":"A notice that is SENT cannot be released for sending","noticeStatus":"SENT",
             "instance":"/api/v1/incidents/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b/notification-campaigns/0193a5c0-2b3c-7d4e-8f5a-6b7c8d9e0f1a/notices/0193a5c0-3c4d-7e5f-9a6b-7c8d9e0f1a2d/releases",
             "requestId":"req-7f3b"}""";

    static final String NOT_FOUND = """
            {"type":"urn:kiroku:problem:not-found","title":"Not found","status":404,
             "detail":"Incident 0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b has no notification campaign 0193a5c0-2b3c-7d4e-8f5a-6b7c8d9e0f1a",
             "instance":"/api/v1/incidents/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b/notification-campaigns/0193a5c0-2b3c-7d4e-8f5a-6b7c8d9e0f1a",
             "requestId":"req-7f3c"}""";
}
