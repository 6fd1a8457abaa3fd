package dev.kiroku.gateway;

import dev.kiroku.gateway.routing.RoutePolicies;
import dev.kiroku.gateway.routing.RoutePolicies.Decision;
import dev.kiroku.gateway.routing.RoutePolicies.Policy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RoutePoliciesTest {

    private final RoutePolicies policies = new RoutePolicies(List.of(
            new Policy("groups-read", "/api/v1/joint-use-groups", Set.of("GET"), Set.of("auditor", "compliance-officer"), false),
            new Policy("groups-write", "/api/v1/joint-use-groups", Set.of("POST", "PUT"), Set.of("compliance-officer"), false),
            new Policy("api", "/api/v1", Set.of("GET"), Set.of(), false),
            new Policy("notices", "/public/v1/joint-use-notices", Set.of("GET"), Set.of(), true)));

    @Test
    void theLongestPrefixGovernsAndTheMethodPicksThePolicy() {
        assertThat(policies.decide("/api/v1/joint-use-groups/42", "POST"))
                .isEqualTo(new Decision.Governed(policies.decide("/api/v1/joint-use-groups", "PUT") instanceof
                        Decision.Governed g ? g.policy() : null));
        assertThat(((Decision.Governed) policies.decide("/api/v1/joint-use-groups", "GET")).policy().name())
                .isEqualTo("groups-read");
        assertThat(((Decision.Governed) policies.decide("/api/v1/other", "GET")).policy().name()).isEqualTo("api");
    }

    @Test
    void aGovernedPathRefusesOtherMethodsNamingTheAllowedOnes() {
        Decision decision = policies.decide("/api/v1/joint-use-groups/42", "DELETE");
        assertThat(decision).isInstanceOf(Decision.MethodNotAllowed.class);
        assertThat(((Decision.MethodNotAllowed) decision).allowed()).containsExactlyInAnyOrder("GET", "POST", "PUT");
    }

    @Test
    void aPrefixMatchesWholeSegmentsOnly() {
        assertThat(policies.decide("/api/v1/joint-use-groupsX", "GET")).isInstanceOf(Decision.Governed.class)
                .extracting(d -> ((Decision.Governed) d).policy().name()).isEqualTo("api");
        assertThat(policies.decide("/elsewhere", "GET")).isInstanceOf(Decision.Ungoverned.class);
    }

    @Test
    void aWildcardSegmentStatesOneOperationsRolesApartFromItsSiblings() {
        RoutePolicies table = new RoutePolicies(List.of(
                new Policy("provisions-read", "/api/v1/provisions", Set.of("GET"), Set.of("auditor", "search"), false),
                new Policy("provision-read", "/api/v1/provisions/*", Set.of("GET"), Set.of("auditor"), false),
                new Policy("corrections", "/api/v1/provisions/*/corrections", Set.of("POST"), Set.of("officer"),
                        false),
                new Policy("provisions-write", "/api/v1/provisions", Set.of("POST"), Set.of("officer", "ingest"),
                        false)));
        assertThat(name(table.decide("/api/v1/provisions", "GET"))).isEqualTo("provisions-read");
        assertThat(name(table.decide("/api/v1/provisions", "POST"))).isEqualTo("provisions-write");
        assertThat(name(table.decide("/api/v1/provisions/42", "GET"))).isEqualTo("provision-read");
        assertThat(name(table.decide("/api/v1/provisions/42/history", "GET"))).isEqualTo("provision-read");
        assertThat(name(table.decide("/api/v1/provisions/42/corrections", "POST"))).isEqualTo("corrections");
        // a wildcard matches one whole, non-empty segment
        assertThat(name(table.decide("/api/v1/provisions//corrections", "POST"))).isEqualTo("provisions-write");
        assertThat(table.decide("/api/v1/provisions/42/corrections", "GET"))
                .isInstanceOf(Decision.MethodNotAllowed.class);
        // the most specific policy governs, also for methods only a less specific one allows
        assertThat(((Decision.MethodNotAllowed) table.decide("/api/v1/provisions/42", "POST")).allowed())
                .containsExactly("GET");
    }

    private static String name(Decision decision) {
        return ((Decision.Governed) decision).policy().name();
    }

    @Test
    void onlyPathsUnderAPublicPolicyArePublic() {
        assertThat(policies.isPublicPath("/public/v1/joint-use-notices/1")).isTrue();
        assertThat(policies.isPublicPath("/api/v1/joint-use-groups")).isFalse();
    }
}
