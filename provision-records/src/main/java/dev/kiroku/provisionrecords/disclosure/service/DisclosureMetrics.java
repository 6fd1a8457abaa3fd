package dev.kiroku.provisionrecords.disclosure.service;

import dev.kiroku.provisionrecords.disclosure.DisclosureOutcome;
import dev.kiroku.platform.persistence.AfterTransaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;

/**
 * Disclosure requests answered (APPI Art. 33(5)) at {@code /q/metrics} (docs/metrics.md):
 * {@code kiroku_disclosures_total{outcome}} ({@code records}, {@code no_records}, {@code refused}) and
 * {@code kiroku_disclosure_duration_seconds}, the time from taking the request up to its answer's commit. A replayed
 * request (same idempotency key) is not a new answer and is not counted; a request that is not committed is not either.
 */
@Startup
@ApplicationScoped
public class DisclosureMetrics {

    private final AfterTransaction after;
    private final Timer duration;
    private final Map<DisclosureOutcome, Counter> answered = new EnumMap<>(DisclosureOutcome.class);

    public DisclosureMetrics(MeterRegistry registry, AfterTransaction after) {
        this.after = after;
        this.duration = Timer.builder("kiroku.disclosure.duration")
                .description("Time to answer a disclosure request (APPI Art. 33(5))").register(registry);
        for (DisclosureOutcome outcome : DisclosureOutcome.values()) {
            answered.put(outcome, Counter.builder("kiroku.disclosures")
                    .description("Disclosure requests answered (APPI Art. 33(5)), by outcome")
                    .tag("outcome", label(outcome)).register(registry));
        }
    }

    static String label(DisclosureOutcome outcome) {
        return switch (outcome) {
            case DISCLOSED -> "records";
            case NO_RECORDS -> "no_records";
            case REFUSED -> "refused";
        };
    }

    /** A request taken up at {@code startedNanos} ({@link System#nanoTime()}) is answered in this transaction. */
    void answering(DisclosureOutcome outcome, long startedNanos) {
        after.committed(() -> {
            duration.record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            answered.get(outcome).increment();
        });
    }
}
