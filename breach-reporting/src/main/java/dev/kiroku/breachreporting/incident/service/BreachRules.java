package dev.kiroku.breachreporting.incident.service;

import dev.kiroku.breachreporting.config.BreachReportingConfig;
import dev.kiroku.breachreporting.incident.rules.DeadlineCalculator;
import dev.kiroku.breachreporting.incident.rules.JapaneseAdministrativeCalendar;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The rule data the service works with: the holiday calendar, loaded once at start-up, and the configured calculator.
 *
 * <p>The calendar comes from the Cabinet Office file ops configured ({@code kiroku.breach-reporting.holidays.file})
 * when it is valid and covers at least the shipped list, else from the shipped list; a WARNING says why a file is not
 * used, and another when next year's holidays are only projected. Two gauges let monitoring see the same:
 * {@value #LAST_OFFICIAL_YEAR} and {@value #NEXT_YEAR_PROJECTED} (Prometheus: {@code
 * kiroku_holiday_calendar_last_official_year}, {@code kiroku_holiday_calendar_next_year_projected}), tagged
 * {@code list} = {@code file} or {@code shipped}.
 */
@ApplicationScoped
class BreachRules {

    static final String LAST_OFFICIAL_YEAR = "kiroku.holiday.calendar.last.official.year";
    static final String NEXT_YEAR_PROJECTED = "kiroku.holiday.calendar.next.year.projected";

    private static final Logger LOG = Logger.getLogger(BreachRules.class);

    @Produces
    @ApplicationScoped
    @Startup
    JapaneseAdministrativeCalendar calendar(BreachReportingConfig config, MeterRegistry registry, Clock utc) {
        Clock clock = utc.withZone(DeadlineCalculator.LEGAL_ZONE);
        JapaneseAdministrativeCalendar.Loaded loaded = JapaneseAdministrativeCalendar.load(config.holidays().file());
        JapaneseAdministrativeCalendar calendar = loaded.calendar();
        if (loaded.refusal().isPresent()) {
            LOG.warnf("national holidays: the file %s (kiroku.breach-reporting.holidays.file) is not used: %s. The "
                            + "shipped Cabinet Office list stays in force: %s, official to %d",
                    loaded.file().orElseThrow(), loaded.refusal().get(), calendar.version(),
                    calendar.lastOfficialYear());
        } else if (loaded.fromFile()) {
            LOG.infof("national holidays: the Cabinet Office list from %s is in force: %s, official to %d",
                    loaded.file().orElseThrow(), calendar.version(), calendar.lastOfficialYear());
        } else {
            LOG.infof("national holidays: the shipped Cabinet Office list is in force: %s, official to %d",
                    calendar.version(), calendar.lastOfficialYear());
        }
        LocalDate today = LocalDate.now(clock);
        if (calendar.nextYearProjected(today)) {
            LOG.warnf("national holidays: %d is only projected (the list in force ends in %d): load the Cabinet Office "
                            + "list published each February (KIROKU_BREACH_REPORTING_HOLIDAYS_FILE, k8s/README.md)",
                    today.getYear() + 1, calendar.lastOfficialYear());
        }
        String list = loaded.fromFile() ? "file" : "shipped";
        Gauge.builder(LAST_OFFICIAL_YEAR, calendar::lastOfficialYear)
                .description("The last year of the national-holiday list in force; later years are projected")
                .tag("list", list)
                .register(registry);
        Gauge.builder(NEXT_YEAR_PROJECTED, () -> calendar.nextYearProjected(LocalDate.now(clock)) ? 1 : 0)
                .description("1 when next year's (Asia/Tokyo) national holidays are only projected: load the Cabinet "
                        + "Office list published each February")
                .tag("list", list)
                .register(registry);
        return calendar;
    }

    @Produces
    @ApplicationScoped
    DeadlineCalculator calculator(JapaneseAdministrativeCalendar calendar, BreachReportingConfig config) {
        return new DeadlineCalculator(calendar, config.internalMarginDays());
    }
}
