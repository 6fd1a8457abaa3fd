package dev.kiroku.breachreporting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.nio.file.Path;
import java.util.Optional;

/** The business's breach-reporting settings (env KIROKU_BREACH_REPORTING_...). */
@ConfigMapping(prefix = "kiroku.breach-reporting")
public interface BreachReportingConfig {

    /**
     * How many days before the end of a legal period the internal due date falls (then moved back to a business day).
     * 1 is the reading of docs/law.md §E4: awareness date + 29 for a 30-day period.
     */
    @WithDefault("1")
    @Min(1)
    @Max(20)
    int internalMarginDays();

    /** The default window of the upcoming-deadlines query, in days. */
    @WithDefault("14")
    @Min(1)
    @Max(366)
    int deadlineWindowDays();

    /** The business that reports, as the printed report (別記様式第一) names it. */
    Business business();

    /** The national-holiday list the deadlines roll over (env KIROKU_BREACH_REPORTING_HOLIDAYS_...). */
    Holidays holidays();

    /**
     * The Cabinet Office's list of national holidays. Without a file the list shipped with the service is used; ops
     * load the newer list each February (k8s/README.md, "Each February: load the next year's holiday list").
     */
    interface Holidays {
        /**
         * The Cabinet Office's {@code syukujitsu.csv} (Shift_JIS as published, or UTF-8), e.g. mounted from the
         * ConfigMap {@code kiroku-holidays} (env KIROKU_BREACH_REPORTING_HOLIDAYS_FILE). Read at start-up; a file that
         * is missing, invalid or covers less than the shipped list is not used (a WARNING says why) and the shipped
         * list stays in force.
         */
        Optional<Path> file();
    }

    /**
     * The reporting business (報告者): Rule 8 names the business, not the staff member. The defaults are a demo
     * business's; a deployment sets its own (env KIROKU_BREACH_REPORTING_BUSINESS_...).
     */
    interface Business {
        /** 報告者の氏名又は名称. */
        @WithDefault("Kiroku デモ株式会社")
        String name();

        /** 住所（所在地）. */
        @WithDefault("東京都千代田区（デモ用の所在地）")
        String address();

        /** 代表者の氏名 (with the title, e.g. 代表取締役). */
        @WithDefault("代表取締役（デモ）")
        String representative();

        /** 連絡先: the department, telephone and e-mail the PPC contacts about the report. */
        @WithDefault("個人情報保護担当 privacy@example.invalid")
        String contact();

        /** 法人番号 (13 digits), printed when set. */
        Optional<String> corporateNumber();
    }
}
