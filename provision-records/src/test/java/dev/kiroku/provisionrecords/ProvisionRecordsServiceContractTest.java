package dev.kiroku.provisionrecords;

import dev.kiroku.platform.testing.DemoLogins;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.KeycloakResource;
import dev.kiroku.platform.testing.KeycloakTokens;
import dev.kiroku.platform.testing.ServiceContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** provision-records keeps the suite's conventions, with real PostgreSQL and real Keycloak tokens. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class ProvisionRecordsServiceContractTest extends ServiceContract {

    @Override
    protected String service() {
        return "provision-records";
    }

    @Override
    protected String allowedToken() {
        return KeycloakTokens.forClient(DemoLogins.DEMO_CRM, DemoLogins.DEMO_CRM_SECRET);
    }

    @Override
    protected String allowedUsername() {
        return "service-account-demo-crm";
    }

    @Override
    protected String deniedToken() {
        return KeycloakTokens.forUser(DemoLogins.BREACH_MANAGER);
    }
}
