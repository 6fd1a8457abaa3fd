package dev.kiroku.platform.audit;

/** OpenAPI examples of the audit endpoints. */
final class AuditExamples {

    static final String PAGE = """
            {"items":[{"seq":1,"entryId":"0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b","recordedAt":"2026-11-22T01:00:00Z",
             "actor":"officer","action":"joint-use-group.created","aggregateType":"joint-use-group",
             "aggregateId":"0193a5b2-7c1d-7e4f-9a8b-000000000001","reason":null,
             "content":{"name":"ABCグループ共同利用"},
             "previousHash":"0000000000000000000000000000000000000000000000000000000000000000",
             "entryHash":"60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"}],"next":null}""";
    static final String INTACT = """
            {"intact":true,"verifiedEntries":1342,
             "headHash":"60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
             "verifiedAt":"2026-11-22T01:00:00Z"}""";
    static final String BROKEN = """
            {"intact":false,"verifiedEntries":41,"firstBrokenSeq":42,
             "firstBrokenEntryId":"0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b",
             "problem":"entry hash does not match the entry's content","verifiedAt":"2026-11-22T01:00:00Z"}""";

    private AuditExamples() {
    }
}
