package dev.kiroku.breachreporting.incident.service;

import dev.kiroku.breachreporting.incident.rules.DeadlineCalculator;
import dev.kiroku.breachreporting.incident.rules.JapaneseAdministrativeCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The rule data the service works with: the holiday calendar, loaded once, and the configured calculator. */
@ApplicationScoped
public class BreachRules {

    @Produces
    @ApplicationScoped
    JapaneseAdministrativeCalendar calendar() {
        return JapaneseAdministrativeCalendar.load();
    }

    @Produces
    @ApplicationScoped
    DeadlineCalculator calculator(JapaneseAdministrativeCalendar calendar, BreachReportingConfig config) {
        return new DeadlineCalculator(calendar, config.internalMarginDays());
    }
}
