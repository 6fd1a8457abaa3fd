package dev.kiroku.breachreporting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The deadline reminders' settings (env KIROKU_BREACH_REPORTING_REMINDERS_...). The SMTP relay is quarkus-mailer's, as
 * for the notices to persons.
 */
@ConfigMapping(prefix = "kiroku.breach-reporting.reminders")
public interface ReminderConfig {

    /**
     * When the job runs (Quartz-style cron, Asia/Tokyo; {@code off} disables it). The default runs at 08:30 and then
     * every hour until 17:30: the first run of a business day sends its digest, later runs find the day sent and do
     * nothing — unless the send failed, which they retry.
     */
    @WithDefault("0 30 8-17 * * ?")
    String cron();

    /**
     * The breach team's addresses (comma-separated). No default: without one the job sends nothing and says so once
     * at start-up.
     */
    Optional<List<String>> to();

    /** Whether the English text follows the Japanese in the digest. */
    @WithDefault("true")
    boolean english();

    /**
     * How long a day's claim may stay unsent before another run takes it over (its run died between the claim and
     * recording the send). Must exceed the mailer's timeout.
     */
    @WithDefault("30m")
    Duration claimTimeout();

    /** This instance's name in {@code claimed_by} (default: the host name, the pod's name in Kubernetes). */
    Optional<String> instanceName();

    /** The recipients, trimmed, blanks dropped. */
    default List<String> recipients() {
        return to().orElse(List.of()).stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
    }
}
