package dev.kiroku.platform.web;

/** OpenAPI examples of the problems every service answers with (compile-time constants for annotations). */
public final class ProblemExamples {

    public static final String UNAUTHENTICATED = """
            {"type":"urn:kiroku:problem:unauthenticated","title":"Authentication required","status":401,
             "detail":"A valid bearer token is required","instance":"/api/v1/provision-records/caller",
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11"}""";
    public static final String FORBIDDEN = """
            {"type":"urn:kiroku:problem:forbidden","title":"Forbidden","status":403,
             "detail":"The token's roles do not allow this operation","instance":"/api/v1/provision-records/caller",
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11"}""";
    public static final String VALIDATION = """
            {"type":"urn:kiroku:problem:validation","title":"Request is not valid","status":400,
             "detail":"1 field is not valid","instance":"/api/v1/provisions",
             "requestId":"0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11",
             "violations":[{"field":"counterparty.address","in":"body","message":"must not be blank"}]}""";
    public static final String CALLER = """
            {"service":"provision-records","subject":"3f1e2d4c-6b7a-4c8d-9e0f-1a2b3c4d5e6f","username":"officer",
             "clientId":"kiroku-swagger","roles":["compliance-officer"],"expiresAt":"2026-11-22T01:05:00Z"}""";

    private ProblemExamples() {
    }
}
