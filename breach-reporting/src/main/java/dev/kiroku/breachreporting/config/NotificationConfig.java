package dev.kiroku.breachreporting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;
import java.util.Optional;

/**
 * The notification dispatcher's settings (env KIROKU_BREACH_REPORTING_NOTIFICATIONS_...). The SMTP server itself is
 * quarkus-mailer's (QUARKUS_MAILER_HOST, _PORT, _FROM, _START_TLS, _USERNAME, _PASSWORD).
 */
@ConfigMapping(prefix = "kiroku.breach-reporting.notifications")
public interface NotificationConfig {

    /** Whether the scheduled dispatcher runs (tests switch it off and drive the dispatcher themselves). */
    @WithDefault("true")
    boolean dispatcherEnabled();

    /** How often the dispatcher looks for due notices. */
    @WithDefault("10s")
    Duration dispatchInterval();

    /** How many notices one claim takes at most. */
    @WithDefault("20")
    @Min(1)
    @Max(500)
    int batchSize();

    /** Attempts in all before a notice that keeps failing transiently is given up as FAILED. */
    @WithDefault("8")
    @Min(1)
    @Max(50)
    int maxAttempts();

    /** The delay after the first failed attempt; it doubles with each further one. */
    @WithDefault("30s")
    Duration backoffBase();

    /** The longest delay between two attempts. */
    @WithDefault("1h")
    Duration backoffMax();

    /**
     * How long a claimed notice may stay in SENDING before it is taken as abandoned (UNCONFIRMED, never resent by
     * itself). Must exceed the time one batch can take (batch size × the mailer's timeout).
     */
    @WithDefault("10m")
    Duration leaseTimeout();

    /** How long a stopping service waits for the dispatcher to finish the notice in hand. */
    @WithDefault("20s")
    Duration shutdownGrace();

    /**
     * This instance's name in {@code claimed_by} (default: the host name, the pod's name in Kubernetes). At start-up,
     * notices left in SENDING under this name were abandoned by an earlier run of this instance.
     */
    Optional<String> instanceName();

    /** The domain of the notices' Message-ID headers (default: the domain of QUARKUS_MAILER_FROM). */
    Optional<String> messageIdDomain();
}
