package dev.kiroku.jointuse;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.robustness.RobustnessProfile;
import dev.kiroku.platform.testing.robustness.ServiceRobustness;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The robustness suite (issue 14) on joint-use: every operation of its OpenAPI document, valid and mutated, with a token
 * of a role allowed to call it. Its own profile gives it a fresh application and PostgreSQL, so the rows its accepted
 * requests create are seen by no other test.
 */
@QuarkusTest
@TestProfile(RobustnessProfile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class JointUseRobustnessTest extends ServiceRobustness {

    @Override
    protected String module() {
        return "joint-use";
    }
}
