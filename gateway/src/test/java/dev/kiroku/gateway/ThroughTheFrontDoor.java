package dev.kiroku.gateway;

import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sends every gateway test's RestAssured requests to the gateway's front door, the port clients call, instead of
 * Quarkus' own server behind it (which Quarkus' test extension points RestAssured at before each test). The front door
 * serves what passes every check and hands the rest over to Quarkus' server, so each test proves the behaviour a
 * client sees. Registered for every test of this module (JUnit's extension auto-detection); runs just before each
 * test method, after Quarkus has set the URL. The port comes from the running gateway
 * ({@link dev.kiroku.gateway.routing.ProxyRoutes#FRONT_DOOR_TEST_PORT}); without a front door, nothing changes.
 */
public final class ThroughTheFrontDoor implements BeforeTestExecutionCallback {

    @Override
    public void beforeTestExecution(ExtensionContext context) throws Exception {
        String port = System.getProperty(dev.kiroku.gateway.routing.ProxyRoutes.FRONT_DOOR_TEST_PORT);
        Object test = context.getTestInstance().orElse(null);
        if (port == null || test == null) {
            return;
        }
        // the test runs in Quarkus' class loader: its RestAssured, not this extension's
        Class<?> restAssured = Class.forName("io.restassured.RestAssured", true, test.getClass().getClassLoader());
        restAssured.getField("port").setInt(null, Integer.parseInt(port));
    }
}
