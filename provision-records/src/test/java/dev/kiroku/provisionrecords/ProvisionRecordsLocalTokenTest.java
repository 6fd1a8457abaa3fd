package dev.kiroku.provisionrecords;

import dev.kiroku.platform.testing.LocalTokenContract;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.web.KirokuRoles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** provision-records checks issuer, audience, expiry and signature of every token itself. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
class ProvisionRecordsLocalTokenTest extends LocalTokenContract {

    @Override
    protected String service() {
        return "provision-records";
    }

    @Override
    protected String allowedRole() {
        return KirokuRoles.INGEST;
    }

    @Override
    protected String deniedRole() {
        return KirokuRoles.BREACH_MANAGER;
    }
}
