package dev.kiroku.gateway;

import dev.kiroku.gateway.config.GatewayConfig;
import dev.kiroku.platform.testing.GatewayRouteTable;
import dev.kiroku.platform.testing.KeycloakResource;
import dev.kiroku.platform.testing.robustness.MutationGenerator;
import dev.kiroku.platform.testing.robustness.OpenApiDocument;
import dev.kiroku.platform.testing.robustness.OpenApiDocument.Operation;
import dev.kiroku.platform.testing.robustness.RobustnessReport;
import dev.kiroku.platform.testing.robustness.RobustnessSuite;
import dev.kiroku.platform.testing.robustness.RoleTokens;
import dev.kiroku.platform.testing.robustness.TableCounts;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The robustness suite (issue 14) through the gateway: every operation of the merged document the gateway serves
 * ({@code /openapi/kiroku.json}: every operation of the three services, their audit logs included), valid and mutated
 * as in each service's own robustness test, sent to the gateway with a real Keycloak token of a role the operation's
 * {@code x-kiroku-roles} allow, and proxied to the packaged services on one embedded PostgreSQL. Besides the suite's
 * checks (no 5xx; every error a problem with a {@code requestId}, the one {@code X-Request-Id} names, and the answer's
 * status; no personal data echoed; must-refuse mutations refused; no table of any service's database changed by a
 * refused request), the gateway's own:
 * <ul>
 * <li>every operation that needs a token is also sent with none, a forged one and one of a role it does not allow,
 * and refused (the gateway's 401 and 403);</li>
 * <li>its own refusals are among the answers — 401, 403, 413 (a body past the route's service limit, chunked or
 * not), 414 and 431 — and so were checked as problems like every other;</li>
 * <li>every answer, the services' and its own, carries its security headers.</li>
 * </ul>
 * The rate limits are set far above the run's requests ({@link HighRateLimits}), so no answer is a 429 that would hide
 * what the service says; the 429 problem is {@link GatewayPolicyTest}'s.
 */
@QuarkusTest
@TestProfile(GatewayRobustnessTest.HighRateLimits.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(value = ServicesResource.class, restrictToAnnotatedClass = true)
class GatewayRobustnessTest {

    private static final Logger LOG = Logger.getLogger(GatewayRobustnessTest.class);

    /** The run's own gateway: rate limits no run of the suite comes near (about 5,000 requests per client). */
    public static class HighRateLimits implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kiroku.gateway.rate-limit.client.capacity", "1000000",
                    "kiroku.gateway.rate-limit.public.capacity", "1000000");
        }
    }

    @Inject
    GatewayConfig config;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize gatewayBodyLimit;

    @Test
    void everyOperationOfEveryServiceAnswersEveryMutationThroughTheGatewayWithAProblemAndLosesNothing() {
        URI gateway = URI.create("http://localhost:" + RestAssured.port);
        GatewayRouteTable routes = GatewayRouteTable.ofRepository();
        OpenApiDocument merged = OpenApiDocument.fetch(gateway, "/openapi/kiroku.json", routes);
        int ownOperations = config.backends().values().stream()
                .mapToInt(backend -> OpenApiDocument.fetch(backend.url(), routes).operations().size()).sum();
        assertThat(merged.operations()).as("the merged document has every operation of the services' own documents")
                .hasSize(ownOperations);

        RoleTokens tokens = RoleTokens.keycloak();
        MutationGenerator generator = new MutationGenerator(this::bodyLimit, tokens).refusingTokens(tokens::refused);
        List<TableCounts.Database> databases = config.backends().keySet().stream()
                .map(service -> new TableCounts.Database(service, ConfigProvider.getConfig()
                        .getValue("kiroku.test.databases." + service + ".jdbc-url", String.class), "postgres", "postgres"))
                .toList();
        try (TableCounts counts = TableCounts.of(databases)) {
            RobustnessSuite suite = new RobustnessSuite("gateway", gateway, merged, generator, counts)
                    // the batch takes its events one by one (README, API conventions), through the gateway as directly
                    .itemByItem(RobustnessSuite.operation("POST", "/api/v1/provisions/batch"), "/events")
                    .requireOfEveryAnswer("without the gateway's security headers",
                            answer -> "nosniff".equals(answer.header("x-content-type-options"))
                                    && "DENY".equals(answer.header("x-frame-options"))
                                    && answer.header("server") == null);
            RobustnessReport report = suite.run();
            LOG.info(report.summary());
            assertThat(report.operations()).as("operations sent through the gateway").isEqualTo(ownOperations);
            assertThat(report.requests()).as("requests sent").isGreaterThanOrEqualTo(3_000);
            assertThat(report.failures()).as("failures (see gateway/target/robustness/gateway.json)").isEmpty();
            assertThat(report.statusCodes()).as("the gateway's own refusals were among the answers")
                    .containsKeys(401, 403, 413, 414, 431);
        }
    }

    /** The body limit of the service an operation's route goes to, as the gateway enforces it. */
    private long bodyLimit(Operation op) {
        return config.backends().values().stream()
                .filter(backend -> backend.prefixes().stream().anyMatch(prefix -> routes(prefix, op.path())))
                .findFirst()
                .flatMap(GatewayConfig.Backend::maxBodySize)
                .map(limit -> Math.min(limit.asLongValue(), gatewayBodyLimit.asLongValue()))
                .orElse(gatewayBodyLimit.asLongValue());
    }

    private static boolean routes(String prefix, String path) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return path.equals(p) || path.startsWith(p + "/");
    }
}
