package dev.kiroku.provisionrecords.common.rest;

/** OpenAPI examples (realistic, Japanese where the data is Japanese; no real person). */
/** OpenAPI examples of the provision-records operations. */
public final class Examples {

    private Examples() {
    }

    public static final String EVENT = """
            {
              "clientEventId": "crm-20261120-000123",
              "direction": "PROVIDED",
              "legalBasis": "OPT_OUT_27_2",
              "method": "PER_EVENT",
              "counterparty": {
                "kind": "CORPORATION",
                "name": "株式会社サンプル商事",
                "address": "東京都千代田区丸の内一丁目1番1号",
                "representative": "代表取締役 山田太郎",
                "country": "JP",
                "corporateNumber": "1234567890123"
              },
              "subject": {"scheme": "customer-number", "identifier": "C-0012345", "name": "佐藤花子"},
              "dataItems": ["NAME", "ADDRESS", "PHONE"],
              "otherItems": ["購入履歴（直近1年）"],
              "providedOn": "2026-11-20"
            }""";

    public static final String RECEIVED_EVENT = """
            {
              "clientEventId": "dwh-20261118-42",
              "direction": "RECEIVED",
              "legalBasis": "CONSENT_27_1",
              "method": "PER_EVENT",
              "counterparty": {
                "kind": "CORPORATION",
                "name": "株式会社データ提供",
                "address": "大阪府大阪市北区梅田二丁目2番2号",
                "representative": "代表取締役 鈴木一郎",
                "country": "JP"
              },
              "subject": {"scheme": "member-id", "identifier": "M-778899"},
              "dataItems": ["NAME", "EMAIL"],
              "providedOn": "2026-11-18",
              "consentRef": "提供元の会員規約第8条に基づく同意",
              "acquisitionCircumstances": "提供元が自社会員から同意を得て取得（会員登録時）"
            }""";

    public static final String RECORD = """
            {
              "id": "019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12",
              "lineageId": "019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12",
              "versionNo": 1,
              "clientEventId": "crm-20261120-000123",
              "direction": "PROVIDED",
              "legalBasis": "OPT_OUT_27_2",
              "legalBasisArticle": "APPI Art. 27(2)",
              "statutory": true,
              "method": "PER_EVENT",
              "goodsOrServices": false,
              "counterparty": {"kind": "CORPORATION", "name": "株式会社サンプル商事",
                "address": "東京都千代田区丸の内一丁目1番1号", "representative": "代表取締役 山田太郎",
                "country": "JP", "corporateNumber": "1234567890123"},
              "subject": {"scheme": "customer-number", "identifier": "C-0012345", "name": "佐藤花子"},
              "dataItems": ["NAME", "ADDRESS", "PHONE"],
              "otherItems": ["購入履歴（直近1年）"],
              "providedOn": "2026-11-20",
              "recordedAt": "2026-11-20T01:02:03.456789Z",
              "recordedBy": "service-account-demo-crm",
              "retention": {"retainUntil": "2029-11-20", "legalRetainUntil": "2029-11-20",
                "rule": "APPI Art. 29(2), Rule 21(1)(iii) / Art. 30(4), Rule 25(1)(iii): 3 years from the record's creation"},
              "contentSha256": "5f0c9a2b8e1d4c7a6b3e0f9d8c7b6a5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a",
              "auditEntryId": "019a8f2e-7c45-7aa0-8f3b-5d1e2c3b4a59"
            }""";

    public static final String BATCH = """
            {"events": [""" + EVENT + "," + RECEIVED_EVENT + "]}";

    public static final String BATCH_RESULT = """
            {
              "created": 1, "duplicates": 1, "rejected": 1,
              "items": [
                {"index": 0, "clientEventId": "crm-20261120-000123", "status": "CREATED",
                 "id": "019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12", "location": "/api/v1/provisions/019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12"},
                {"index": 1, "clientEventId": "crm-20261120-000122", "status": "DUPLICATE",
                 "id": "019a8f2d-0000-7000-8000-000000000001", "location": "/api/v1/provisions/019a8f2d-0000-7000-8000-000000000001"},
                {"index": 2, "clientEventId": "crm-20261120-000124", "status": "REJECTED",
                 "problem": {"type": "urn:kiroku:problem:provision-record-refused", "title": "Record does not meet the APPI record duty",
                   "status": 422, "detail": "1 rule of the APPI record duty not met; nothing was recorded",
                   "violations": [{"field": "providedOn", "in": "body", "message": "required: the date of provision or receipt (or the first and last day of the period)", "rule": "APPI Rule 20(1)(i)"}]}}
              ]
            }""";

    public static final String REFUSED = """
            {
              "type": "urn:kiroku:problem:provision-record-refused",
              "title": "Record does not meet the APPI record duty",
              "status": 422,
              "detail": "2 rules of the APPI record duty not met; nothing was recorded",
              "instance": "/api/v1/provisions",
              "requestId": "0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11",
              "violations": [
                {"field": "method", "in": "body", "message": "An opt-out provision or receipt must be recorded each time; a bulk record is not allowed", "rule": "APPI Rule 19(2) proviso / Rule 23(2) proviso"},
                {"field": "providedOn", "in": "body", "message": "required: the date of provision or receipt (or the first and last day of the period)", "rule": "APPI Rule 20(1)(i)"}
              ]
            }""";

    public static final String STOPPED = """
            {
              "type": "urn:kiroku:problem:opt-out-stopped",
              "title": "Opt-out provision stopped by the subject's request",
              "status": 409,
              "detail": "The subject asked on record to stop opt-out provision (stop 019a8e00-1111-7222-8333-444455556666, effective from 2026-11-01); this opt-out provision must not be made. APPI Art. 27(2) (stop on request of the subject)",
              "instance": "/api/v1/provisions",
              "requestId": "0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11",
              "stopId": "019a8e00-1111-7222-8333-444455556666",
              "article": "APPI Art. 27(2) (stop on request of the subject)"
            }""";

    public static final String KEY_REUSED = """
            {
              "type": "urn:kiroku:problem:idempotency-key-reused",
              "title": "Idempotency key reused with a different request",
              "status": 422,
              "detail": "This idempotency key was already used by this client with a different request; nothing was written. Use a new key for a new request.",
              "instance": "/api/v1/provisions",
              "requestId": "0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11",
              "idempotencyKey": "crm-20261120-000123"
            }""";

    public static final String NOT_FOUND = """
            {"type": "urn:kiroku:problem:not-found", "title": "Not found", "status": 404,
             "detail": "There is no provision record 019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12",
             "instance": "/api/v1/provisions/019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12",
             "requestId": "0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11"}""";

    public static final String SUPERSEDED = """
            {"type": "urn:kiroku:problem:provision-record-superseded", "title": "Not the current version", "status": 409,
             "detail": "Version 1 was already corrected; correct the current version (see its history)",
             "instance": "/api/v1/provisions/019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12/corrections",
             "requestId": "0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11",
             "lineageId": "019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12"}""";

    public static final String CORRECTION = """
            {"reason": "提供先の住所の誤記を訂正（申告書 2026-11-21 受領）", "record": """ + EVENT + "}";

    public static final String ASSESSMENT_REQUEST = """
            {"direction": "PROVIDED", "legalBasis": "CONSENT_28_1", "method": "BULK", "goodsOrServices": false,
             "counterparty": {"kind": "CORPORATION", "name": "Sample Analytics Inc.", "country": "US"},
             "foreignTransfer": {"route": "CONSENT_28_1"},
             "period": {"first": "2026-12-01", "last": "2026-12-31"}}""";

    public static final String ASSESSMENT_REQUEST_SYSTEM = """
            {"direction": "PROVIDED", "legalBasis": "ENTRUST_27_5_I", "method": "PER_EVENT",
             "counterparty": {"kind": "CORPORATION", "name": "Sample Cloud Inc.", "country": "US"},
             "foreignTransfer": {"route": "RECIPIENT_SYSTEM", "measuresRef": "DPA-2026-014 第9条（年次監査）"},
             "recordCreatedOn": "2026-12-04"}""";

    public static final String ROUTE_REFUSED = """
            {
              "type": "urn:kiroku:problem:art28-route-not-for-country",
              "title": "Art. 28 route not possible for the country",
              "status": 422,
              "detail": "route EQUIVALENT_COUNTRY is not possible for a counterparty in CN. CN is not designated by the PPC as having an equivalent regime (designated: the EU and EEA states and the United Kingdom): the recipient needs a system meeting the Rule 16 standard (体制整備) or the person's consent under Art. 28(1). Allowed routes: CONSENT_28_1, EXCEPTION_27_1, RECIPIENT_SYSTEM",
              "instance": "/api/v1/provision-assessments",
              "requestId": "0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11",
              "violations": [
                {"field": "foreignTransferRoute", "in": "body", "message": "route EQUIVALENT_COUNTRY is not possible for a counterparty in CN. CN is not designated by the PPC as having an equivalent regime (designated: the EU and EEA states and the United Kingdom): the recipient needs a system meeting the Rule 16 standard (体制整備) or the person's consent under Art. 28(1). Allowed routes: CONSENT_28_1, EXCEPTION_27_1, RECIPIENT_SYSTEM", "rule": "APPI Art. 28(1); Rule 15; PPC Notice No. 1 of 2019 (平成31年個人情報保護委員会告示第1号)"}
              ],
              "allowedRoutes": ["CONSENT_28_1", "EXCEPTION_27_1", "RECIPIENT_SYSTEM"]
            }""";

    public static final String ASSESSMENT = """
            {
              "recordRequired": true,
              "statutory": true,
              "decidedBy": {"id": "consent-provided", "reason": "Provision with the subject's consent needs a provider record", "article": "APPI Art. 29(1), Rule 20(1)(ii)"},
              "requiredItems": [
                {"item": "COUNTERPARTY", "field": "counterparty.name", "description": "the counterparty's name or appellation, or that it was many unspecified persons"},
                {"item": "SUBJECT", "field": "subject.identifier", "description": "matters enough to identify the data subject"},
                {"item": "DATA_ITEMS", "field": "dataItems", "description": "the items of personal data"},
                {"item": "PERIOD_FIRST", "field": "period.first", "description": "the first day of the provision period"}
              ],
              "itemsRule": "APPI Rule 20(1)(ii)",
              "method": {"method": "BULK", "allowed": true, "rule": "APPI Rule 19(2) proviso / Rule 23(2) proviso"},
              "retention": {"period": "P3Y", "from": "LAST_PROVISION", "fromDay": "2026-12-31", "retainUntil": "2029-12-31", "rule": "APPI Rule 21(1)(ii) / Rule 25(1)(ii): 3 years from the last provision covered"},
              "violations": []
            }""";

    public static final String STOP_REQUEST = """
            {"subject": {"scheme": "customer-number", "identifier": "C-0012345"},
             "recipients": [{"name": "株式会社サンプル商事", "corporateNumber": "1234567890123"}],
             "effectiveFrom": "2026-11-01", "receivedVia": "お問い合わせ窓口（電話）"}""";

    public static final String STOP = """
            {"id": "019a8e00-1111-7222-8333-444455556666",
             "subject": {"scheme": "customer-number", "identifier": "C-0012345"},
             "allRecipients": false,
             "recipients": [{"name": "株式会社サンプル商事", "corporateNumber": "1234567890123"}],
             "effectiveFrom": "2026-11-01", "receivedVia": "お問い合わせ窓口（電話）", "active": true,
             "registeredAt": "2026-10-31T09:00:00Z", "registeredBy": "officer"}""";

    public static final String WITHDRAWAL = """
            {"from": "2026-12-01", "reason": "本人から停止の撤回の申出（書面 2026-11-25 受領）"}""";

    public static final String DISCLOSURE_REQUEST = """
            {"subject": {"scheme": "customer-number", "identifier": "C-0012345"},
             "from": "2026-01-01", "to": "2026-12-31", "method": "DOCUMENT",
             "receivedAt": "2026-11-22T10:00:00+09:00", "receivedVia": "郵送（開示請求書）", "requestedByAgent": false}""";

    public static final String DISCLOSURE = """
            {"id": "019a9000-aaaa-7bbb-8ccc-ddddeeeeffff",
             "subject": {"scheme": "customer-number", "identifier": "C-0012345"},
             "from": "2026-01-01", "to": "2026-12-31", "method": "DOCUMENT",
             "receivedAt": "2026-11-22T01:00:00Z", "receivedVia": "郵送（開示請求書）", "requestedByAgent": false,
             "outcome": "DISCLOSED", "answeredAt": "2026-11-22T01:20:00Z", "answeredBy": "officer",
             "timeToAnswer": "PT20M", "recordCount": 1,
             "records": [{"recordId": "019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12", "direction": "PROVIDED",
               "providedOn": "2026-11-20",
               "counterparty": {"kind": "CORPORATION", "name": "株式会社サンプル商事",
                 "address": "東京都千代田区丸の内一丁目1番1号", "representative": "代表取締役 山田太郎", "country": "JP"},
               "dataItems": ["NAME", "ADDRESS", "PHONE", "PURCHASE_HISTORY"], "legalBasis": "OPT_OUT_27_2",
               "legalBasisText": "オプトアウトによる第三者提供（法第27条第2項）"}]}""";

    public static final String RECEIPTS = """
            {"origin": "kiroku.localhost/provision-records",
             "verifierKey": "kiroku.localhost/provision-records+3a9c0f12+AcT1ZGmJ2kGhQ5d8RzjW3lT6v0Yp8sD1uM4nK7bE2xQ9",
             "treeSize": 42,
             "checkpoint": "kiroku.localhost/provision-records\\n42\\nZXhhbXBsZSByb290IGhhc2ggb2YgMzIgYnl0ZXMhIT0=\\n\\n— kiroku.localhost/provision-records OjqcDxI...\\n",
             "receipts": [{"recordId": "019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12",
               "auditEntryId": "019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b13",
               "content": "{\\"id\\":\\"019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12\\",\\"lineageId\\":\\"019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12\\",\\"versionNo\\":1,…}",
               "event": "{\\"direction\\":\\"PROVIDED\\",\\"legalBasis\\":\\"OPT_OUT_27_2\\",…}",
               "proof": "c2sp.org/tlog-proof@v1\\nextra eyJhY3Rpb24iOiJwcm92aXNpb24ucmVjb3JkZWQiLOKApn0=\\nindex 41\\nYDA64iuZiGG847KPM+7L7nWKIRPIbJPAdtvp9VjBHHU=\\n\\nkiroku.localhost/provision-records\\n42\\nZXhhbXBsZSByb290IGhhc2ggb2YgMzIgYnl0ZXMhIT0=\\n\\n— kiroku.localhost/provision-records OjqcDxI...\\n"}]}""";

    public static final String PURGE_REQUEST = """
            {"asOf": "2026-11-23"}""";

    public static final String PURGE_RUN = """
            {"id": "019a9100-0000-7000-8000-000000000001", "startedAt": "2026-11-23T18:30:00.000001Z",
             "finishedAt": "2026-11-23T18:30:01.250000Z", "asOf": "2026-11-24", "triggeredBy": "scheduler",
             "purgedCount": 1284, "auditSeq": 90211}""";

    public static final String VERIFICATION_BROKEN = """
            {"intact": false, "verifiedRecords": 41873, "chainRecordVersions": 120000,
             "firstBrokenRecordId": "019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12", "auditSeq": 377,
             "auditEntryId": "019a8f2e-7c45-7aa0-8f3b-5d1e2c3b4a59",
             "problem": "the record's content no longer matches its hash: changed after it was recorded",
             "verifiedAt": "2026-11-23T09:00:00Z"}""";

    public static final String SUBJECT_PAGE = """
            {
              "items": [
                {"scheme": "customer-number", "identifier": "C-0012345", "name": "佐藤花子"},
                {"scheme": "customer-number", "identifier": "C-0067890", "name": "鈴木一郎"}
              ],
              "next": "3f1c9a0e5b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e",
              "total": 1204
            }""";
}
