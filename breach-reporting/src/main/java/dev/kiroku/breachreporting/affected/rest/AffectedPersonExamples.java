package dev.kiroku.breachreporting.affected.rest;

/** OpenAPI examples (illustrative; no real person). */
final class AffectedPersonExamples {

    private AffectedPersonExamples() {
    }

    static final String CSV = """
            scheme,identifier,name,email,language
            customer-number,C-0012345,佐藤花子,hanako.sato@example.jp,ja
            customer-number,C-0067890,鈴木一郎,,ja
            member-id,M-20240031,Emily Clark,emily.clark@example.com,en
            """;

    static final String DERIVATION = """
            {
              "counterparty": {"corporateNumber": "1234567890123", "name": "株式会社サンプル商事"},
              "items": ["EMAIL", "CREDIT_CARD"],
              "from": "2026-10-01",
              "to": "2026-11-20"
            }""";

    static final String IMPORT_RUNNING = """
            {
              "id": "019a9b3c-5d2e-7f10-8a4b-3c2d1e0f9a8b",
              "incidentId": "019a9b2f-1e4d-7c3a-9b8e-7d6c5b4a3f21",
              "kind": "CSV_IMPORT",
              "status": "RUNNING",
              "total": 12000,
              "processed": 4500,
              "percent": 37.5,
              "added": 4380,
              "completed": 12,
              "duplicates": 101,
              "rejected": 7,
              "rejections": [
                {"row": 18, "column": "email", "message": "is not an e-mail address"},
                {"row": 233, "column": "identifier", "message": "is required"}
              ],
              "requestedBy": "breach-manager",
              "startedAt": "2026-11-22T01:00:00Z"
            }""";

    static final String DERIVATION_COMPLETED = """
            {
              "id": "019a9b41-0a2b-7c3d-8e4f-5a6b7c8d9e0f",
              "incidentId": "019a9b2f-1e4d-7c3a-9b8e-7d6c5b4a3f21",
              "kind": "PROVISION_RECORDS",
              "status": "COMPLETED",
              "total": 1204,
              "processed": 1204,
              "percent": 100.0,
              "added": 1180,
              "completed": 24,
              "duplicates": 0,
              "rejected": 0,
              "rejections": [],
              "filter": {"counterpartyCorporateNumber": "1234567890123", "counterpartyName": "株式会社サンプル商事",
                         "items": ["CREDIT_CARD", "EMAIL"], "from": "2026-10-01", "to": "2026-11-20"},
              "personsOnRecord": 1204,
              "assessmentOutcome": "re-assessed (transition 3): 1204 persons on record exceed the assessed count of 300; reportable under APPI Rule 7(iv)",
              "requestedBy": "officer",
              "startedAt": "2026-11-22T01:05:00Z",
              "finishedAt": "2026-11-22T01:05:09Z"
            }""";

    static final String DERIVATION_FAILED = """
            {
              "id": "019a9b41-0a2b-7c3d-8e4f-5a6b7c8d9e0f",
              "incidentId": "019a9b2f-1e4d-7c3a-9b8e-7d6c5b4a3f21",
              "kind": "PROVISION_RECORDS",
              "status": "FAILED",
              "processed": 0, "added": 0, "completed": 0, "duplicates": 0, "rejected": 0, "rejections": [],
              "filter": {"counterpartyName": "株式会社サンプル商事", "items": [], "from": "2026-10-01", "to": "2026-11-20"},
              "failure": "provision-records at http://127.0.0.1:8081 could not be reached: Connection refused; the persons of the pages read before stay, and a new derivation may be started",
              "requestedBy": "officer",
              "startedAt": "2026-11-22T01:05:00Z",
              "finishedAt": "2026-11-22T01:05:01Z"
            }""";

    static final String HEADER_REFUSED = """
            {
              "type": "urn:kiroku:problem:affected-person-file-refused",
              "title": "The CSV file is refused",
              "status": 422,
              "detail": "The file's header is not usable; nothing was imported",
              "instance": "/api/v1/incidents/019a9b2f-1e4d-7c3a-9b8e-7d6c5b4a3f21/affected-person-imports",
              "requestId": "3f2a9c1e-8b7d-4e6f-a5b4-c3d2e1f0a9b8",
              "violations": [
                {"field": "mail", "in": "body", "message": "row 1: is not a column of this file; the columns are [scheme, identifier, name, email, language]"},
                {"field": "identifier", "in": "body", "message": "row 1: is required in the header"}
              ]
            }""";

    static final String PERSONS = """
            {
              "items": [
                {"id": "019a9b3c-6001-7a2b-9c3d-4e5f6a7b8c9d", "scheme": "customer-number", "identifier": "C-0012345",
                 "name": "佐藤花子", "email": "hanako.sato@example.jp", "language": "ja", "source": "CSV_IMPORT",
                 "sourceId": "019a9b3c-5d2e-7f10-8a4b-3c2d1e0f9a8b", "addedAt": "2026-11-22T01:00:02Z",
                 "addedBy": "breach-manager", "updatedAt": "2026-11-22T01:05:03Z"}
              ],
              "next": "019a9b3c-6001-7a2b-9c3d-4e5f6a7b8c9d",
              "total": 1204,
              "bySource": {"CSV_IMPORT": 980, "PROVISION_RECORDS": 224}
            }""";

    static final String PERSONS_AUDITOR = """
            {
              "items": [
                {"id": "019a9b3c-6001-7a2b-9c3d-4e5f6a7b8c9d", "source": "CSV_IMPORT",
                 "sourceId": "019a9b3c-5d2e-7f10-8a4b-3c2d1e0f9a8b", "addedAt": "2026-11-22T01:00:02Z"}
              ],
              "next": "019a9b3c-6001-7a2b-9c3d-4e5f6a7b8c9d",
              "total": 1204,
              "bySource": {"CSV_IMPORT": 980, "PROVISION_RECORDS": 224}
            }""";
}
