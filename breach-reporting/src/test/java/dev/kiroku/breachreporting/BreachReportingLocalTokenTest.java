package dev.kiroku.breachreporting;

import dev.kiroku.platform.testing.LocalTokenContract;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.web.KirokuRoles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** breach-reporting checks issuer, audience, expiry and signature of every token itself. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
class BreachReportingLocalTokenTest extends LocalTokenContract {

    @Override
    protected String service() {
        return "breach-reporting";
    }

    @Override
    protected String allowedRole() {
        return KirokuRoles.BREACH_MANAGER;
    }

    @Override
    protected String deniedRole() {
        return KirokuRoles.INGEST;
    }
}
