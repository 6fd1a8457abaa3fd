package dev.kiroku.platform.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics contract's table (docs/metrics.md) read as each service's tests read it, and a scrape parsed. */
class MetricsContractTest {

    @Test
    void everyServiceGetsItsOwnRowsAndTheEveryServiceRowsAndTheGatewayOnlyTheRowsNamingIt() {
        assertThat(MetricsContract.listedFor("joint-use")).extracting(MetricsContract.Listed::name)
                .contains("kiroku_audit_tree_size", "kiroku_audit_verification_ok", "http_server_requests_seconds",
                        "agroal_active_count")
                .doesNotContain("kiroku_breach_filings_open", "kiroku_provision_events_total", "up");
        assertThat(MetricsContract.listedFor("breach-reporting")).extracting(MetricsContract.Listed::name)
                .contains("kiroku_breach_filings_open", "kiroku_breach_jobs_failed_total", "kiroku_audit_tree_size")
                .doesNotContain("kiroku_disclosures_total");
        assertThat(MetricsContract.listedFor("gateway")).extracting(MetricsContract.Listed::name)
                .containsExactly("http_server_requests_seconds");
    }

    @Test
    void aTimerIsExposedAsItsCountAndEveryOtherMetricUnderItsName() {
        assertThat(MetricsContract.listedFor("provision-records"))
                .filteredOn(l -> l.name().equals("kiroku_disclosure_duration_seconds"))
                .extracting(MetricsContract.Listed::exposedAs).containsExactly("kiroku_disclosure_duration_seconds_count");
        assertThat(MetricsContract.listedFor("provision-records"))
                .filteredOn(l -> l.name().equals("kiroku_purge_runs_total"))
                .extracting(MetricsContract.Listed::exposedAs).containsExactly("kiroku_purge_runs_total");
    }

    @Test
    void aScrapeIsParsedIntoSamplesWithTheirLabels() {
        MetricsContract.Scrape scrape = MetricsContract.Scrape.parse("""
                # HELP kiroku_breach_notices Notices
                # TYPE kiroku_breach_notices gauge
                kiroku_breach_notices{state="queued"} 3.0
                kiroku_breach_notices{state="sent"} 4.0
                kiroku_audit_verification_ok NaN
                http_server_requests_seconds_count{method="GET",uri="/a/{id}",label="x\\"y,z"} 2.0
                kiroku_purge_runs_total 3.0 # {span_id="b647",trace_id="38d2"} 1.0 1733380000.000
                kiroku_provision_events_total{outcome="created",reason="none"} 5.0 # {span_id="b6",trace_id="38"} 1.0
                """);
        assertThat(scrape.value("kiroku_breach_notices")).isEqualTo(7.0);
        assertThat(scrape.value("kiroku_breach_notices", "state", "sent")).isEqualTo(4.0);
        assertThat(scrape.value("kiroku_audit_verification_ok")).isNaN();
        assertThat(scrape.value("kiroku_missing")).isNaN();
        // an OpenMetrics exemplar after the value is neither a label nor the value
        assertThat(scrape.value("kiroku_purge_runs_total")).isEqualTo(3.0);
        assertThat(scrape.series("kiroku_provision_events_total").get(0).labels())
                .containsOnlyKeys("outcome", "reason");
        assertThat(scrape.value("kiroku_provision_events_total", "outcome", "created")).isEqualTo(5.0);
        assertThat(scrape.series("http_server_requests_seconds_count").get(0).labels())
                .containsEntry("uri", "/a/{id}").containsEntry("label", "x\\\"y,z");
    }
}
