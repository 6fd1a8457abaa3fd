package dev.kiroku.breachreporting.notification.service;

import dev.kiroku.breachreporting.notification.MessageStatus;
import dev.kiroku.breachreporting.notification.repository.MessageRepository;
import dev.kiroku.platform.persistence.DatabaseGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code kiroku_breach_notices{state}} (docs/metrics.md): the notices to affected persons (APPI Art. 26(2)) in the
 * outbox, by state, every state present; one GROUP BY over the status (indexed) on the metrics schedule.
 */
@Startup
@ApplicationScoped
public class NoticeMetrics implements DatabaseGauges {

    private final MessageRepository messages;
    private final Map<MessageStatus, AtomicLong> counts = new EnumMap<>(MessageStatus.class);

    public NoticeMetrics(MessageRepository messages, MeterRegistry registry) {
        this.messages = messages;
        for (MessageStatus status : MessageStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("kiroku.breach.notices", count, AtomicLong::get)
                    .description("Notices to affected persons (APPI Art. 26(2)) in the outbox, by state")
                    .tag("state", status.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }

    @Override
    @Transactional
    public void refresh() {
        messages.countByStatus().forEach((status, n) -> counts.get(status).set(n));
    }
}
