package dev.kiroku.jointuse;

import dev.kiroku.platform.testing.LocalTokenContract;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.web.KirokuRoles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** joint-use checks issuer, audience, expiry and signature of every token itself. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
class JointUseLocalTokenTest extends LocalTokenContract {

    @Override
    protected String service() {
        return "joint-use";
    }

    @Override
    protected String allowedRole() {
        return KirokuRoles.COMPLIANCE_OFFICER;
    }

    @Override
    protected String deniedRole() {
        return KirokuRoles.INGEST;
    }
}
