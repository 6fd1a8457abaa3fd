package dev.kiroku.platform.web;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller endpoint every service serves at {@code /api/v1/<service>/caller}: how this service sees the caller's
 * token, the integrator's first call to check roles and audience. A service's {@code CallerResource} extends it and
 * declares only what JAX-RS and Quarkus security need on the class itself: the constant {@code @Path}, the
 * {@code GET} method with its {@code @RolesAllowed} (a class-level {@code @RolesAllowed} on a subclass does not reach an
 * inherited method: every caller got a 403), and the OpenAPI texts below. The 401 and 403 problems are added by
 * {@link ProblemResponsesFilter}.
 */
public abstract class CallerEndpoint {

    public static final String TAG = "Caller";
    public static final String TAG_DESCRIPTION = "The authenticated caller as this service sees it";
    public static final String SUMMARY = "Describe the authenticated caller";
    public static final String DESCRIPTION = "Answers with the token's subject, client and the Kiroku roles this service "
            + "recognises. ";
    public static final String OK = "The caller";
    public static final String EXAMPLE = "officer";

    private final String service;
    private final SecurityIdentity identity;

    protected CallerEndpoint(String service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** The caller as this service sees it. */
    protected CallerView describe() {
        return CallerView.of(service, identity);
    }
}
