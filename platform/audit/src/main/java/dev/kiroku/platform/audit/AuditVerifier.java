package dev.kiroku.platform.audit;

import dev.kiroku.platform.audit.witness.WitnessChecks;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Verifies the audit log ({@link AuditChain#verify()}, then against the parties that are not the log: its witnesses'
 * cosignatures and the outside sink, {@link WitnessChecks}) on demand and in the background, at start and then every
 * {@code kiroku.audit.verification-interval} (1 h by default), never two background runs at once; every result goes to
 * {@link AuditMetrics}, a broken log is logged as an ERROR (the sequence number and the problem, never content).
 */
@ApplicationScoped
public class AuditVerifier {

    private static final Logger LOG = Logger.getLogger(AuditVerifier.class);

    private final AuditChain chain;
    private final AuditMetrics metrics;
    private final WitnessChecks witnesses;

    public AuditVerifier(AuditChain chain, AuditMetrics metrics, WitnessChecks witnesses) {
        this.chain = chain;
        this.metrics = metrics;
        this.witnesses = witnesses;
    }

    @Scheduled(identity = "kiroku-audit-verification", every = "${kiroku.audit.verification-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        AuditVerification result = verify();
        if (!result.intact()) {
            LOG.errorf("audit log verification: BROKEN at entry %s: %s", result.firstBrokenSeq(), result.problem());
        }
    }

    /** Verifies the whole log now and keeps the result for the metrics. */
    public AuditVerification verify() {
        AuditVerification result = chain.verify();
        if (result.intact()) {
            result = witnesses.check(result);
        }
        metrics.verified(result);
        return result;
    }
}
