package dev.kiroku.platform.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's route table as the services' role-table test reads it: the real file of this repository. */
class GatewayRouteTableTest {

    private final GatewayRouteTable table = GatewayRouteTable.ofRepository();

    @Test
    void theMostSpecificPolicyOfTheRealTableGovernsEachOperation() {
        assertThat(table.governing("/api/v1/provisions", "GET").orElseThrow().roles())
                .contains("service-breach-reporting");
        assertThat(table.governing("/api/v1/provisions/x", "GET").orElseThrow().name()).isEqualTo("provision-read");
        assertThat(table.governing("/api/v1/provisions/x/corrections", "POST").orElseThrow().roles())
                .containsExactly("compliance-officer");
        assertThat(table.governing("/api/v1/provisions/batch", "POST").orElseThrow().roles())
                .containsExactlyInAnyOrder("compliance-officer", "ingest");
        assertThat(table.governing("/api/v1/audit/joint-use/witness/add-checkpoint", "POST").orElseThrow().roles())
                .containsExactlyInAnyOrder("compliance-officer", "auditor");
        assertThat(table.governing("/public/v1/joint-use-notices/x", "GET").orElseThrow().isPublic()).isTrue();
        assertThat(table.governing("/api/v1/provisions/x", "DELETE")).isEmpty();
        assertThat(table.governing("/elsewhere", "GET")).isEmpty();
    }
}
