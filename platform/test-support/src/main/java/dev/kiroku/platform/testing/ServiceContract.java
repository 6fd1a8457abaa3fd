package dev.kiroku.platform.testing;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The conventions every Kiroku service keeps, checked against the running service with real PostgreSQL and real
 * Keycloak tokens. A service's test extends it, is annotated {@code @QuarkusTest}, and declares the global test
 * resources {@link EmbeddedPostgresResource} and {@link KeycloakResource}.
 */
public abstract class ServiceContract {

    private static final String PROBLEM_JSON = "application/problem+json";

    /** The service's name, also its path segment: {@code /api/v1/<service>/caller}. */
    protected abstract String service();

    /** A real Keycloak token whose roles the caller endpoint allows. */
    protected abstract String allowedToken();

    /** The username (or service-account name) behind {@link #allowedToken()}. */
    protected abstract String allowedUsername();

    /** A real Keycloak token with Kiroku roles the caller endpoint refuses. */
    protected abstract String deniedToken();

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    protected String callerPath() {
        return "/api/v1/" + service() + "/caller";
    }

    @Test
    void answersTheCallerWithARealKeycloakTokenOfAnAllowedRole() {
        given().auth().oauth2(allowedToken())
                .when().get(callerPath())
                .then().statusCode(200)
                .contentType("application/json")
                .body("service", equalTo(service()))
                .body("username", equalTo(allowedUsername()))
                .body("roles", not(hasItem("offline_access")))
                .body("expiresAt", notNullValue());
    }

    @Test
    void refusesARealKeycloakTokenOfAWrongRoleWithA403Problem() {
        given().auth().oauth2(deniedToken())
                .when().get(callerPath())
                .then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:kiroku:problem:forbidden"))
                .body("status", is(403))
                .body("instance", equalTo(callerPath()))
                .body("requestId", notNullValue());
    }

    @Test
    void refusesARequestWithoutTokenWithA401ProblemAndABearerChallenge() {
        given().when().get(callerPath())
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("urn:kiroku:problem:unauthenticated"))
                .body("status", is(401));
    }

    @Test
    void refusesAGarbageTokenWithA401Problem() {
        given().auth().oauth2("not.a.token")
                .when().get(callerPath())
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:kiroku:problem:unauthenticated"));
    }

    @Test
    void answersAnUnknownApiPathWithA404Problem() {
        given().auth().oauth2(allowedToken())
                .when().get("/api/v1/" + service() + "/no-such-thing")
                .then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:kiroku:problem:not-found"))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void answersAWrongMethodWithA405Problem() {
        given().auth().oauth2(allowedToken())
                .when().delete(callerPath())
                .then().statusCode(405)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:kiroku:problem:method-not-allowed"));
    }

    @Test
    void answersAnUnproducibleMediaTypeWithA406Problem() {
        given().auth().oauth2(allowedToken()).accept("application/pdf")
                .when().get(callerPath())
                .then().statusCode(406)
                .body("type", equalTo("urn:kiroku:problem:not-acceptable"));
    }

    @Test
    void echoesAGivenRequestIdAndMintsOneOtherwise() {
        given().auth().oauth2(allowedToken()).header("X-Request-Id", "ticket-4711")
                .when().get(callerPath())
                .then().statusCode(200).header("X-Request-Id", "ticket-4711");
        given().header("X-Request-Id", "bad id with spaces\nand a newline")
                .when().get(callerPath())
                .then().statusCode(401)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void reportsLiveAndReadyWithTheDatabaseChecked() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    /**
     * Readiness covers the database (Agroal's check, {@code quarkus.datasource.health.enabled}): with the service's
     * database refusing connections the service is not ready (and still alive), and ready again once it accepts them.
     */
    @Test
    void isNotReadyWhileItsDatabaseRefusesConnectionsAndReadyAgainAfterwards() throws Exception {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        Matcher database = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]+)(.*)$")
                .matcher(url);
        assertThat(database.matches()).as("a PostgreSQL JDBC URL: %s", url).isTrue();
        String name = database.group(2);
        String admin = database.group(1) + "template1" + database.group(3);
        Properties login = new Properties(); // the superuser: the service's own role owns no database (issue 13)
        login.setProperty("user", "postgres");
        login.setProperty("password", EmbeddedPostgresResource.SUPERUSER_PASSWORD);
        try (Connection connection = DriverManager.getConnection(admin, login);
                Statement sql = connection.createStatement()) {
            try {
                sql.execute("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS false");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
                given().when().get("/q/health/ready").then().statusCode(503)
                        .body("checks.find { it.name.contains('Database') }.status", equalTo("DOWN"));
                given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
            } finally {
                sql.execute("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS true");
            }
        }
        int probes = 0;
        while (given().when().get("/q/health/ready").statusCode() != 200 && probes++ < 40) {
            Thread.sleep(250);
        }
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name.contains('Database') }.status", equalTo("UP"));
    }

    @Test
    void servesPrometheusMetricsWithTheDatabasePool() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                // the datasource pool (quarkus.datasource.metrics.enabled): in use, idle, waiting, most used at once
                .body(containsString("agroal_active_count{datasource=\"default\""))
                .body(containsString("agroal_available_count{datasource=\"default\""))
                .body(containsString("agroal_awaiting_count{datasource=\"default\""))
                .body(containsString("agroal_max_used_count{datasource=\"default\""));
    }

    @Test
    void servesTheSwaggerUi() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    /**
     * One role table: every operation's roles ({@code @RolesAllowed}, published in its {@code x-kiroku-roles} by
     * platform/web's {@code ContractFilter}) are the roles the gateway's route policy requires for it — no operation the gateway lets through to
     * a 403 here, none it refuses that the service would serve, none it does not route at all.
     */
    @Test
    void everyOperationsRolesAreTheGatewaysPolicyForIt() {
        JsonPath spec = given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        GatewayRouteTable gateway = GatewayRouteTable.ofRepository();
        Map<String, Map<String, Map<String, Object>>> paths = spec.getMap("paths");
        java.util.List<String> disagreements = new java.util.ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            String where = method.toUpperCase() + " " + path;
            String concrete = path.replace("{service}", service()).replaceAll("\\{[^}]+}", "x");
            var route = gateway.governing(concrete, method.toUpperCase(java.util.Locale.ROOT));
            java.util.Set<String> roles = new java.util.TreeSet<>();
            Object security = operation.get("security");
            if (security instanceof java.util.List<?> requirements) {
                for (Object requirement : requirements) {
                    ((Map<?, ?>) requirement).values().forEach(scopes -> ((java.util.List<?>) scopes)
                            .forEach(role -> roles.add(String.valueOf(role))));
                }
            }
            if (operation.get("x-kiroku-roles") instanceof java.util.List<?> declared) {
                declared.forEach(role -> roles.add(String.valueOf(role)));
            }
            boolean isPublic = java.util.List.of().equals(security);
            if (route.isEmpty()) {
                disagreements.add(where + ": the gateway routes no policy for it");
            } else if (route.get().isPublic() != isPublic) {
                disagreements.add(where + ": public at the gateway (" + route.get().name() + ") "
                        + route.get().isPublic() + ", in the service " + isPublic);
            } else if (!isPublic && !new java.util.TreeSet<>(route.get().roles()).equals(roles)) {
                disagreements.add(where + ": the gateway's " + route.get().name() + " requires "
                        + new java.util.TreeSet<>(route.get().roles()) + ", the service " + roles);
            }
        }));
        assertThat(disagreements).as("operations whose roles differ between %s and the service",
                GatewayRouteTable.FILE).isEmpty();
    }

    @Test
    void publishesAnOpenApiContractWhereEveryOperationHasASummaryAndItsErrorResponses() {
        JsonPath spec = given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        assertThat(spec.getString("info.title")).startsWith("Kiroku ");
        assertThat(spec.getString("info.version")).isNotBlank();
        Map<String, Map<String, Map<String, Object>>> paths = spec.getMap("paths");
        assertThat(paths).isNotEmpty();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            String where = method.toUpperCase() + " " + path;
            assertThat(operation.get("summary")).as("summary of " + where).isNotNull();
            @SuppressWarnings("unchecked")
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            boolean isPublic = path.startsWith("/public/") && java.util.List.of().equals(operation.get("security"));
            if (!isPublic) {
                assertThat(responses).as("responses of " + where).containsKeys("401", "403");
            }
            responses.forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertThat(dig(response, "content", PROBLEM_JSON, "schema", "$ref"))
                            .as("problem schema of " + code + " of " + where)
                            .isEqualTo("#/components/schemas/Problem");
                }
            });
            for (String code : isPublic ? new String[0] : new String[] {"401", "403"}) {
                assertThat(dig(responses.get(code), "content", PROBLEM_JSON, "examples"))
                        .as("problem examples of " + code + " of " + where)
                        .isInstanceOf(Map.class).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                        .isNotEmpty();
            }
            assertThat(responses.keySet()).as("success response of " + where).anyMatch(code -> code.startsWith("2"));
        }));
    }

    private static Object dig(Object node, String... keys) {
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }
}
