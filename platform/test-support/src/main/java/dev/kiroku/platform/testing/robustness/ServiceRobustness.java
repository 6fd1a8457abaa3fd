package dev.kiroku.platform.testing.robustness;

import dev.kiroku.platform.testing.GatewayRouteTable;
import io.quarkus.runtime.configuration.MemorySize;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's robustness test: the {@link RobustnessSuite} against the running service (its own PostgreSQL, locally
 * signed tokens). A module's test extends it, annotated {@code @QuarkusTest},
 * {@code @TestProfile(RobustnessProfile.class)} and with the module's PostgreSQL test resource.
 */
public abstract class ServiceRobustness {

    private static final Logger LOG = Logger.getLogger(ServiceRobustness.class);

    /** The module's name (the report's). */
    protected abstract String module();

    /** Narrow, argued exclusions and acceptable mutations of this service, if any. */
    protected void configure(RobustnessSuite suite) {
    }

    /** At least this many requests must have been sent (a guard against a document the suite cannot read). */
    protected int minimumRequests() {
        return 300;
    }

    @Test
    void everyOperationAnswersEveryMutationWithAProblemAndLosesNothing() {
        Config config = ConfigProvider.getConfig();
        URI service = URI.create("http://localhost:" + RestAssured.port);
        long maxBody = config.getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue();
        OpenApiDocument document = OpenApiDocument.fetch(service, GatewayRouteTable.ofRepository());
        try (TableCounts counts = new TableCounts(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            RobustnessSuite suite = new RobustnessSuite(module(), service, document,
                    new MutationGenerator(maxBody, RoleTokens.local()), counts);
            configure(suite);
            RobustnessReport report = suite.run();
            LOG.info(report.summary());
            assertThat(report.requests()).as("requests sent").isGreaterThanOrEqualTo(minimumRequests());
            assertThat(report.failures()).as("failures (see target/robustness/%s.json)", module()).isEmpty();
        }
    }
}
