package dev.kiroku.breachreporting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.net.URI;
import java.time.Duration;

/**
 * Where breach-reporting finds provision-records (env KIROKU_BREACH_REPORTING_PROVISION_RECORDS_URL, …). Calls carry
 * the service account's client-credentials token (quarkus.oidc-client.*: client {@code kiroku-breach-reporting}).
 */
@ConfigMapping(prefix = "kiroku.breach-reporting.provision-records")
public interface ProvisionRecordsConfig {

    /** provision-records' base URL (the local stack's by default). */
    @WithDefault("http://127.0.0.1:8081")
    URI url();

    /** How long to wait for a connection. */
    @WithDefault("5S")
    Duration connectTimeout();

    /** How long to wait for one page. */
    @WithDefault("30S")
    Duration readTimeout();

    /** Subjects asked per page (provision-records answers at most 500). */
    @WithDefault("500")
    @Min(1)
    @Max(500)
    int pageSize();
}
