package dev.kiroku.breachreporting.incident.service;

import dev.kiroku.breachreporting.incident.rules.DeadlineKind;
import dev.kiroku.breachreporting.incident.rules.DueBucket;
import dev.kiroku.platform.persistence.DatabaseGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code kiroku_breach_filings_open{kind,due}} (docs/metrics.md): the report deadlines no submitted report has met yet,
 * by kind and by time left ({@link DueBucket}), from the same open deadlines the deadline board and the reminder
 * digest list ({@link IncidentService#openDeadlines()}: the incidents not closed, their deadlines by the rule table
 * and the holiday calendar). Every kind × bucket series is present, 0 when empty; the values are refreshed on the
 * metrics schedule ({@link DatabaseGauges}), never per scrape.
 */
@Startup
@ApplicationScoped
public class FilingMetrics implements DatabaseGauges {

    static final String NAME = "kiroku.breach.filings.open";

    private final IncidentService incidents;
    private final Map<DeadlineKind, Map<DueBucket, AtomicLong>> counts = new EnumMap<>(DeadlineKind.class);

    public FilingMetrics(IncidentService incidents, MeterRegistry registry) {
        this.incidents = incidents;
        for (DeadlineKind kind : DeadlineKind.values()) {
            Map<DueBucket, AtomicLong> byBucket = new EnumMap<>(DueBucket.class);
            for (DueBucket bucket : DueBucket.values()) {
                AtomicLong count = new AtomicLong();
                byBucket.put(bucket, count);
                Gauge.builder(NAME, count, AtomicLong::get)
                        .description("Report deadlines not yet met by a submitted report, by kind and time left (JST)")
                        .tag("kind", label(kind)).tag("due", bucket.label())
                        .register(registry);
            }
            counts.put(kind, byBucket);
        }
    }

    /** The label of a kind: {@code preliminary} (速報), {@code final} (確報), {@code gdpr_72h}. */
    static String label(DeadlineKind kind) {
        return switch (kind) {
            case PRELIMINARY -> "preliminary";
            case FINAL -> "final";
            case GDPR_SUPERVISORY -> "gdpr_72h";
        };
    }

    @Override
    @Transactional
    public void refresh() {
        Instant now = incidents.now();
        Map<DeadlineKind, Map<DueBucket, Long>> fresh = new EnumMap<>(DeadlineKind.class);
        for (DeadlineKind kind : DeadlineKind.values()) {
            Map<DueBucket, Long> zero = new EnumMap<>(DueBucket.class);
            for (DueBucket bucket : DueBucket.values()) {
                zero.put(bucket, 0L);
            }
            fresh.put(kind, zero);
        }
        var calendar = incidents.calculator().calendar();
        for (IncidentService.OpenDeadline open : incidents.openDeadlines()) {
            fresh.get(open.deadline().kind()).merge(DueBucket.of(open.deadline(), now, calendar), 1L, Long::sum);
        }
        fresh.forEach((kind, byBucket) -> byBucket.forEach((bucket, n) -> counts.get(kind).get(bucket).set(n)));
    }
}
