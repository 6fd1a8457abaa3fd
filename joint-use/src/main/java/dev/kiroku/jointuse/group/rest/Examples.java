package dev.kiroku.jointuse.group.rest;

/**
 * OpenAPI examples. The worked example is the joint use published in privacy policy 002 (第3 (1) 共同利用 ①–⑤);
 * that policy names the responsible party without the address and representative the Act has required since 2022-04,
 * so those two (and the member list behind its link) are illustrative here.
 */
final class Examples {

    static final String DEFINITION_002 = """
            {"name":"GMOグローバルサイン・ホールディングス グループ共同利用",
             "statement":"当社は、以下のとおりお客さま等の個人データを当社グループ各社と共同利用します。",
             "dataItems":["お名前","ご住所","E-Mailアドレス","電話番号","契約情報"],
             "scope":{"description":"当社グループ各社に記載の「関連会社・子会社」とします。グループ会社は、将来、新設・統廃合などにより変更される場合があります。",
                      "members":[
                        {"name":"GMOグローバルサイン・ホールディングス株式会社","address":"東京都渋谷区道玄坂1丁目2番3号","representative":"代表取締役社長 山田 太郎","country":"JP","corporateNumber":"1011001034467"},
                        {"name":"GMOグローバルサイン株式会社","address":"東京都渋谷区道玄坂1丁目2番3号","representative":"代表取締役 佐藤 一郎","country":"JP","corporateNumber":"3011001109553"},
                        {"name":"GlobalSign NV","address":"Martelarenplein 13, 3000 Leuven","representative":"Managing Director","country":"BE"}]},
             "purposes":["当社において定める「個人情報の利用目的」の範囲とし、これを共同利用会社全社共通の利用目的とします。"],
             "responsibleParty":{"name":"GMOグローバルサイン・ホールディングス株式会社","address":"東京都渋谷区道玄坂1丁目2番3号",
                                 "representative":"代表取締役社長 山田 太郎","corporateNumber":"1011001034467"}}""";

    static final String GROUP = """
            {"id":"0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b","status":"PUBLISHED",
             "definition":{"name":"GMOグローバルサイン・ホールディングス グループ共同利用","dataItems":["お名前","ご住所","E-Mailアドレス","電話番号","契約情報"],
               "scope":{"description":"当社グループ各社に記載の「関連会社・子会社」とします。","members":[{"name":"GlobalSign NV","address":"Martelarenplein 13, 3000 Leuven","country":"BE"}]},
               "purposes":["当社において定める「個人情報の利用目的」の範囲"],
               "responsibleParty":{"name":"GMOグローバルサイン・ホールディングス株式会社","address":"東京都渋谷区道玄坂1丁目2番3号","representative":"代表取締役社長 山田 太郎"}},
             "foreignMembers":["GlobalSign NV"],
             "art28Note":"Joint use does not lift APPI Art. 28 for joint users outside Japan: provision to them needs Art. 28(1) consent (or an equivalent-country or system route) and Art. 29 records.",
             "noticeInForce":{"version":1,"status":"PUBLISHED","effectiveFrom":"2026-12-01","publishedAt":"2026-11-22T01:00:00Z","overdue":false},
             "noticeVersions":1,"createdAt":"2026-11-22T00:30:00Z","createdBy":"officer","updatedAt":"2026-11-22T01:00:00Z"}""";

    static final String PUBLISH = """
            {"effectiveFrom":"2026-12-01"}""";

    static final String NOTICE = """
            {"groupId":"0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b","version":2,"status":"PUBLISHED","effectiveFrom":"2026-11-20",
             "publishedAt":"2026-11-22T01:00:00Z","publishedBy":"officer","overdue":false,
             "changeKinds":["RESPONSIBLE_PARTY_DETAILS"],"reason":"代表取締役の交代",
             "statement":"当社は、以下のとおりお客さま等の個人データを当社グループ各社と共同利用します。",
             "content":{"name":"GMOグローバルサイン・ホールディングス グループ共同利用","dataItems":["お名前","ご住所"],
               "scope":{"description":"当社グループ各社","members":[{"name":"GMOグローバルサイン株式会社","address":"東京都渋谷区道玄坂1丁目2番3号","country":"JP"}]},
               "purposes":["当社において定める「個人情報の利用目的」の範囲"],
               "responsibleParty":{"name":"GMOグローバルサイン・ホールディングス株式会社","address":"東京都渋谷区道玄坂1丁目2番3号","representative":"代表取締役社長 鈴木 花子"}},
             "foreignMembers":[],"createdAt":"2026-11-22T01:00:00Z","createdBy":"officer"}""";

    static final String CHANGE_REPRESENTATIVE = """
            {"definition":{"name":"GMOグローバルサイン・ホールディングス グループ共同利用","dataItems":["お名前","ご住所","E-Mailアドレス","電話番号","契約情報"],
               "scope":{"description":"当社グループ各社に記載の「関連会社・子会社」とします。","members":[{"name":"GMOグローバルサイン株式会社","address":"東京都渋谷区道玄坂1丁目2番3号","country":"JP","corporateNumber":"3011001109553"}]},
               "purposes":["当社において定める「個人情報の利用目的」の範囲とし、これを共同利用会社全社共通の利用目的とします。"],
               "responsibleParty":{"name":"GMOグローバルサイン・ホールディングス株式会社","address":"東京都渋谷区道玄坂1丁目2番3号","representative":"代表取締役社長 鈴木 花子","corporateNumber":"1011001034467"}},
             "occurredOn":"2026-11-20","reason":"代表取締役の交代","publishNow":true}""";

    static final String REFUSED = """
            {"type":"urn:kiroku:problem:joint-use-change-refused","title":"Change not allowed for a joint-use group",
             "status":422,"detail":"The change is not allowed as requested","instance":"/api/v1/joint-use-groups/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b/changes",
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11",
             "violations":[{"field":"definition.dataItems","in":"body","message":"The items of jointly used data cannot change without the persons' consent; obtain consent or form a new joint-use group.","rule":"APPI Art. 27(5)(iii); guideline 3-6-3"}]}""";

    static final String ILLEGAL_TRANSITION = """
            {"type":"urn:kiroku:problem:joint-use-group-state","title":"Not allowed in the group's current state",
             "status":409,"detail":"only a draft can be edited freely; change a published group through a change request",
             "instance":"/api/v1/joint-use-groups/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b","requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11"}""";

    static final String NOT_FOUND = """
            {"type":"urn:kiroku:problem:not-found","title":"Not found","status":404,
             "detail":"There is no joint-use group 0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b",
             "instance":"/api/v1/joint-use-groups/0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b","requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11"}""";

    static final String CHECK = """
            {"counterpartyCorporateNumber":"3011001109553","items":["お名前","E-Mailアドレス"],"date":"2026-12-10"}""";

    static final String CHECK_RESULT = """
            {"jointUser":true,"matches":[{"groupId":"0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b",
              "groupName":"GMOグローバルサイン・ホールディングス グループ共同利用","noticeVersion":1,"effectiveFrom":"2026-12-01",
              "member":{"name":"GMOグローバルサイン株式会社","address":"東京都渋谷区道玄坂1丁目2番3号","country":"JP","corporateNumber":"3011001109553"},
              "foreignMember":false,"recordsRequired":false,"decidedBy":"domestic",
              "reason":"A joint user in Japan is not a third party: no Art. 29/30 record for provision within the joint use",
              "article":"APPI Art. 27(5)(iii), Art. 29(1) proviso"}],
             "recordsRequired":false,
             "basis":"APPI Art. 27(5)(iii): a joint user is not a third party; no Art. 29/30 record is required for provision within the joint use"}""";

    static final String HTML_NOTICE = """
            <article class="kiroku-joint-use-notice"><h1>個人データの共同利用について</h1>
            <p>当社は、以下のとおりお客さま等の個人データを当社グループ各社と共同利用します。</p>
            <h2>① 共同して利用される個人データの項目</h2><ul><li>お名前</li>…</ul> … </article>""";

    static final String MARKDOWN_NOTICE = """
            # 個人データの共同利用について

            当社は、以下のとおりお客さま等の個人データを当社グループ各社と共同利用します。

            ## ① 共同して利用される個人データの項目

            - お名前
            …""";

    private Examples() {
    }
}
