package dev.kiroku.platform.audit;

/** OpenAPI examples of the audit endpoints. */
final class AuditExamples {

    static final String PAGE = """
            {"items":[{"seq":1,"entryId":"0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b","recordedAt":"2026-11-22T01:00:00Z",
             "actor":"officer","action":"joint-use-group.created","aggregateType":"joint-use-group",
             "aggregateId":"0193a5b2-7c1d-7e4f-9a8b-000000000001","reason":null,
             "content":{"name":"ABCグループ共同利用"},
             "leafIndex":0,"leafHash":"YDA64iuZiGG847KPM+7L7nWKIRPIbJPAdtvp9VjBHHU="}],"next":null}""";
    static final String INTACT = """
            {"intact":true,"verifiedEntries":1342,"treeSize":1342,
             "rootHash":"YDA64iuZiGG847KPM+7L7nWKIRPIbJPAdtvp9VjBHHU=","checkpointSize":1340,
             "verifiedAt":"2026-11-22T01:00:00Z","cosignedSize":1340,
             "cosignedBy":["kiroku.example.jp/joint-use/witness","kiroku.example.jp/breach-reporting/witness"],
             "sinkSize":1340}""";
    static final String BROKEN = """
            {"intact":false,"verifiedEntries":41,"treeSize":1342,"firstBrokenSeq":42,
             "firstBrokenEntryId":"0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b",
             "problem":"the entry does not match its leaf in the log","verifiedAt":"2026-11-22T01:00:00Z"}""";

    static final String CHECKPOINT = """
            kiroku.example.jp/provision-records
            1342
            YDA64iuZiGG847KPM+7L7nWKIRPIbJPAdtvp9VjBHHU=

            — kiroku.example.jp/provision-records x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=
            — kiroku.example.jp/joint-use/witness cPu7de5upgifX2mIy8gIARdeCYSlvUUtl+a/k0QJafAd+5t3MY5UncpxSy/LSJEMiwUaRmrmXsmLNAWijcTQ9oFle89lxzqp82jWLQ==
            — kiroku.example.jp/breach-reporting/witness 8RPf9gAAAABrAj6QLdMSrvSxjWlZ+TVLGkogeXz0ppKw3RElBDmytfOj9XORWXoms9JOptIiiCxcjw2LM27WXR/fUdghZar4ed4n+A==
            """;
    static final String VERIFIER_KEY =
            "kiroku.example.jp/provision-records+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String CHECKPOINTS = """
            {"items":[{"treeSize":1342,"rootHash":"YDA64iuZiGG847KPM+7L7nWKIRPIbJPAdtvp9VjBHHU=","keyId":"c74f20a3",
             "signedAt":"2026-11-22T01:00:00.2Z","note":"kiroku.example.jp/provision-records\\n1342\\n…"}],"next":null}""";

    static final String INCLUSION = """
            {"leafIndex":41,"treeSize":1342,"leafHash":"YDA64iuZiGG847KPM+7L7nWKIRPIbJPAdtvp9VjBHHU=",
             "rootHash":"5cnaeacGWaqtVZy3Ad7Zoqudgjqtk0lgz+Nw7/RgQyg=",
             "hashes":["lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=","XwM/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4="],
             "checkpoint":"kiroku.example.jp/provision-records\\n1342\\n5cnaeacGWaqtVZy3Ad7Zoqudgjqtk0lgz+Nw7/RgQyg=\\n\\n— …\\n"}""";
    static final String CONSISTENCY = """
            {"firstSize":1300,"secondSize":1342,"firstRootHash":"DrxdNDf74tsVi58SahEdGOMIGBAx0KlJ+N7e3rxY72o=",
             "secondRootHash":"5cnaeacGWaqtVZy3Ad7Zoqudgjqtk0lgz+Nw7/RgQyg=",
             "hashes":["DrxdNDf74tsVi58SahEdGOMIGBAx0KlJ+N7e3rxY72o=","yoVOoSjtBQtBs1/8G4e462K95GHp47VZbs5rnVl1oK4="]}""";

    private AuditExamples() {
    }
}
