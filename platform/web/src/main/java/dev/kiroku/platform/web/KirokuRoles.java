package dev.kiroku.platform.web;

/**
 * The realm roles of the {@code kiroku} Keycloak realm ({@code keycloak/kiroku-realm.json}). Services check them
 * with {@code @RolesAllowed} themselves: the gateway is not the only lock.
 */
public final class KirokuRoles {

    /** Everything except governed breach decisions. */
    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    /** Reads everything, verifies audit chains, exports; writes nothing. */
    public static final String AUDITOR = "auditor";
    /** Runs incidents, including "not reportable" decisions and submissions. */
    public static final String BREACH_MANAGER = "breach-manager";
    /** Internal systems' service accounts: may only post provision events and assessments. */
    public static final String INGEST = "ingest";
    /** The breach-reporting service's own service account (reads affected subjects from provision-records). */
    public static final String BREACH_REPORTING_SERVICE = "service-breach-reporting";

    /** Every Kiroku realm role (Keycloak adds its own default roles to tokens; those are not Kiroku's). */
    public static final java.util.Set<String> ALL =
            java.util.Set.of(COMPLIANCE_OFFICER, AUDITOR, BREACH_MANAGER, INGEST, BREACH_REPORTING_SERVICE);

    private KirokuRoles() {
    }
}
