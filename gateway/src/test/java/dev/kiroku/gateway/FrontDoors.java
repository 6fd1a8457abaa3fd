package dev.kiroku.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** What the gateway's metrics say about its front door. */
final class FrontDoors {

    private static final Pattern HANDED_OVER =
            Pattern.compile("(?m)^kiroku_gateway_front_door_handed_over_total(?:\\{[^}]*})? ([0-9.E]+)$");

    private FrontDoors() {
    }

    /**
     * The gateway's address as clients see it: its front door, on the host and in the form of the URL Quarkus' test
     * extension gives for its own server (which serves only what the front door hands over).
     */
    static String url(java.net.URL quarkus) {
        return "http://" + quarkus.getHost() + ":" + port(quarkus.getPort());
    }

    /** The front door's port in this test run; without a front door, Quarkus' own. */
    static int port(int quarkus) {
        String port = System.getProperty(dev.kiroku.gateway.routing.ProxyRoutes.FRONT_DOOR_TEST_PORT);
        return port == null ? quarkus : Integer.parseInt(port);
    }

    /** Requests handed over to Quarkus' server so far, this metrics read (a {@code /q} path) included. */
    static long handedOver() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = HANDED_OVER.matcher(metrics);
        if (!matcher.find()) {
            throw new AssertionError("no kiroku_gateway_front_door_handed_over_total in /q/metrics");
        }
        return (long) Double.parseDouble(matcher.group(1));
    }
}
