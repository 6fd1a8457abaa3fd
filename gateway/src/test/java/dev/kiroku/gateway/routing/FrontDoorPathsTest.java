package dev.kiroku.gateway.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front door serves a path only in the form the router would leave as it is: anything to normalise or decode goes
 * to Quarkus' server, whose router and filters decide as before.
 */
class FrontDoorPathsTest {

    @Test
    void aPlainPathIsServedAsItIs() {
        assertThat(FrontDoor.isPlain("/api/v1/joint-use-groups")).isTrue();
        assertThat(FrontDoor.isPlain("/api/v1/joint-use-groups/0b9e2c1e-5f3a-4c7e-9d2a-1f2e3d4c5b6a/notices")).isTrue();
        assertThat(FrontDoor.isPlain("/api/v1/provisions/")).isTrue();
        assertThat(FrontDoor.isPlain("/public/v1/joint-use-notices/a.b")).isTrue();
    }

    @Test
    void anythingTheRouterWouldNormaliseOrDecodeIsHandedOver() {
        assertThat(FrontDoor.isPlain("")).isFalse();
        assertThat(FrontDoor.isPlain("api/v1/provisions")).isFalse();
        assertThat(FrontDoor.isPlain("/api/v1/../q/metrics")).isFalse();
        assertThat(FrontDoor.isPlain("/api/v1/./provisions")).isFalse();
        assertThat(FrontDoor.isPlain("/api/v1/provisions/..")).isFalse();
        assertThat(FrontDoor.isPlain("/api//v1/provisions")).isFalse();
        assertThat(FrontDoor.isPlain("/api/v1/provisions%2F42")).isFalse();
        assertThat(FrontDoor.isPlain("/api/v1/provisions;jsessionid=1")).isFalse();
        assertThat(FrontDoor.isPlain("/api/v1/provisions\\42")).isFalse();
        assertThat(FrontDoor.isPlain("/api/v1/provisions/é")).isFalse();
        assertThat(FrontDoor.isPlain("/api/v1/provisions/a b")).isFalse();
    }

    @Test
    void aQueryOfRfc3986CharactersIsServedAndAnyOtherHandedOver() {
        assertThat(FrontDoor.isPlainQuery("limit=20&from=2026-01-01")).isTrue();
        assertThat(FrontDoor.isPlainQuery("name=%E3%81%82&q=a/b?c")).isTrue();
        assertThat(FrontDoor.isPlainQuery("q=a|b")).isFalse();
        assertThat(FrontDoor.isPlainQuery("q=<script>")).isFalse();
        assertThat(FrontDoor.isPlainQuery("q=a b")).isFalse();
        assertThat(FrontDoor.isPlainQuery("q=\"x\"")).isFalse();
        assertThat(FrontDoor.isPlainQuery("q={x}")).isFalse();
        assertThat(FrontDoor.isPlainQuery("q=あ")).isFalse();
    }
}
