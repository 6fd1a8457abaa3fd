package dev.kiroku.platform.audit;

import dev.kiroku.platform.persistence.DatabaseGauges;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The audit log at {@code /q/metrics} (docs/metrics.md): its size and that of its latest signed checkpoint, the age of
 * that checkpoint, and the result and time of the latest verification. Sizes are read from the database on the
 * refresh schedule ({@link DatabaseGauges}: one indexed read each), the age is computed at the scrape from the
 * checkpoint's signing time, the verification's result is kept when {@link AuditVerifier} runs one. Before the first
 * refresh or verification a gauge is NaN (no value), never a made-up 0 or 1.
 */
@Startup
@ApplicationScoped
public class AuditMetrics implements DatabaseGauges {

    private final AgroalDataSource dataSource;
    private final AuditCheckpoints checkpoints;
    private final Clock clock;

    private volatile double treeSize = Double.NaN;
    private volatile double checkpointTreeSize = Double.NaN;
    private volatile Instant checkpointSignedAt;
    private volatile double verificationOk = Double.NaN;
    private volatile double verificationAt = Double.NaN;

    public AuditMetrics(AgroalDataSource dataSource, AuditCheckpoints checkpoints, Clock clock,
                        MeterRegistry registry) {
        this.dataSource = dataSource;
        this.checkpoints = checkpoints;
        this.clock = clock;
        Gauge.builder("kiroku.audit.tree.size", this, m -> m.treeSize)
                .description("Leaves in the service's audit log (Merkle tree)").register(registry);
        Gauge.builder("kiroku.audit.checkpoint.tree.size", this, m -> m.checkpointTreeSize)
                .description("Tree size of the latest signed checkpoint of the audit log").register(registry);
        Gauge.builder("kiroku.audit.checkpoint.age", this, AuditMetrics::checkpointAgeSeconds).baseUnit("seconds")
                .description("Seconds since the latest checkpoint of the audit log was signed").register(registry);
        Gauge.builder("kiroku.audit.verification.ok", this, m -> m.verificationOk)
                .description("1 when the latest verification found the audit log intact, 0 when broken")
                .register(registry);
        Gauge.builder("kiroku.audit.verification.last.run.timestamp", this, m -> m.verificationAt)
                .baseUnit("seconds").description("When the audit log was last verified (Unix time)")
                .register(registry);
    }

    @Override
    public void refresh() {
        long size;
        try (Connection connection = dataSource.getConnection()) {
            size = AuditChain.treeSize(connection);
        } catch (SQLException e) {
            throw new AuditChainException("could not read the audit log's size", e);
        }
        Optional<AuditCheckpoint> latest = checkpoints.latest();
        treeSize = size;
        checkpointTreeSize = latest.map(c -> (double) c.treeSize()).orElse(Double.NaN);
        checkpointSignedAt = latest.map(c -> c.signedAt().toInstant()).orElse(null);
    }

    /** Keeps a verification's result. */
    void verified(AuditVerification result) {
        verificationOk = result.intact() ? 1 : 0;
        verificationAt = result.verifiedAt().toInstant().toEpochMilli() / 1000.0;
    }

    private double checkpointAgeSeconds() {
        Instant signed = checkpointSignedAt;
        return signed == null ? Double.NaN
                : Math.max(0, Duration.between(signed, clock.instant()).toMillis() / 1000.0);
    }
}
