package dev.kiroku.provisionrecords.provision.service;

import dev.kiroku.provisionrecords.provision.EventOutcome;
import dev.kiroku.provisionrecords.provision.EventRefusal;
import dev.kiroku.platform.persistence.AfterTransaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * {@code kiroku_provision_events_total{outcome,reason}} (docs/metrics.md): provision and receipt events (APPI Art.
 * 29/30) answered by the single-event, correction and batch endpoints, by outcome and, for a refused one, the rule
 * that refused it — a small fixed set of ids ({@link #reason}), never a value from the request. Counted when the
 * transaction that answered them ends: created and duplicate ones only if it committed (a batch re-run after a race is
 * not counted twice), refused ones either way (a refused single event rolls its transaction back).
 */
@Startup
@ApplicationScoped
public class ProvisionMetrics {

    static final String NAME = "kiroku.provision.events";
    static final String NONE = "none";
    static final String INVALID = "invalid";

    private final MeterRegistry registry;
    private final AfterTransaction after;

    public ProvisionMetrics(MeterRegistry registry, AfterTransaction after) {
        this.registry = registry;
        this.after = after;
        // the common series exist from the start, at 0
        counter("created", NONE);
        counter("duplicate", NONE);
        counter("rejected", INVALID);
    }

    /** Counts the outcomes of one ingest once its transaction ends. */
    void answered(List<EventOutcome> outcomes) {
        after.then(committed -> {
            for (EventOutcome outcome : outcomes) {
                if (outcome instanceof EventOutcome.Rejected rejected) {
                    counter("rejected", reason(rejected.refusal())).increment();
                } else if (committed) {
                    counter(outcome instanceof EventOutcome.Accepted ? "created" : "duplicate", NONE).increment();
                }
            }
        });
    }

    /**
     * The reason of a refusal: {@code invalid} (missing or malformed), {@code key-reused} (the idempotency key named
     * another event), {@code opt-out-stop} (APPI Art. 27(2): the subject asked to stop), or the id of the first rule
     * the event breaks ({@code RuleViolation#id}).
     */
    static String reason(EventRefusal refusal) {
        if (refusal instanceof EventRefusal.KeyReused) {
            return "key-reused";
        }
        if (refusal instanceof EventRefusal.Stopped) {
            return "opt-out-stop";
        }
        if (refusal instanceof EventRefusal.RulesBroken broken && !broken.violations().isEmpty()) {
            return broken.violations().get(0).id();
        }
        return INVALID;
    }

    private Counter counter(String outcome, String reason) {
        return Counter.builder(NAME).description("Provision and receipt events (APPI Art. 29/30) by outcome")
                .tag("outcome", outcome).tag("reason", reason).register(registry);
    }
}
