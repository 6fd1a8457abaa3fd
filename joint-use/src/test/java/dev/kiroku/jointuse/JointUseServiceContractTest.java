package dev.kiroku.jointuse;

import dev.kiroku.platform.testing.DemoLogins;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.KeycloakResource;
import dev.kiroku.platform.testing.KeycloakTokens;
import dev.kiroku.platform.testing.ServiceContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** joint-use keeps the suite's conventions, with real PostgreSQL and real Keycloak tokens. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class JointUseServiceContractTest extends ServiceContract {

    @Override
    protected String service() {
        return "joint-use";
    }

    @Override
    protected String allowedToken() {
        return KeycloakTokens.forUser(DemoLogins.AUDITOR);
    }

    @Override
    protected String allowedUsername() {
        return DemoLogins.AUDITOR;
    }

    @Override
    protected String deniedToken() {
        return KeycloakTokens.forClient(DemoLogins.DEMO_CRM, DemoLogins.DEMO_CRM_SECRET);
    }
}
