package dev.kiroku.platform.testing;

/**
 * The demo logins of {@code keycloak/kiroku-realm.json}. DEV-ONLY demo credentials: they exist in the realm file
 * for tests and the local stack, and must be removed or replaced in any real deployment.
 */
public final class DemoLogins {

    /** Public client allowed to use the password grant: tests and the local walk-through only. */
    public static final String CLI_CLIENT = "kiroku-dev-cli";
    public static final String OFFICER = "officer";
    public static final String AUDITOR = "auditor";
    public static final String BREACH_MANAGER = "breach-manager";
    public static final String DEMO_CRM = "demo-crm";
    public static final String DEMO_CRM_SECRET = "demo-crm-dev-only-secret";

    private DemoLogins() {
    }

    /** Each demo user's dev-only password is {@code <username>-dev-only}. */
    public static String passwordOf(String username) {
        return username + "-dev-only";
    }
}
