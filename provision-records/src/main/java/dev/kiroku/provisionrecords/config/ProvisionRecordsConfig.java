package dev.kiroku.provisionrecords.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Settings of the provision-records service (env KIROKU_PROVISION_RECORDS_...). */
@ConfigMapping(prefix = "kiroku.provision-records")
public interface ProvisionRecordsConfig {

    Ingest ingest();

    Purge purge();

    Export export();

    interface Export {
        /** How long one regulator export may stream (its read transaction's timeout). */
        @WithDefault("1H")
        java.time.Duration timeout();
    }

    Business business();

    /** The business as disclosure letters name it. */
    interface Business {
        /** The business's name in Japanese. */
        @WithDefault("Kiroku デモ株式会社")
        String nameJa();

        /** The business's name in English. */
        @WithDefault("Kiroku Demo K.K.")
        String nameEn();

        /** Where subjects address questions about a disclosure, in Japanese (the Japanese letter's contact line). */
        @WithDefault("個人情報お問い合わせ窓口 privacy@example.invalid")
        String contact();

        /** The same in English (the English letter's contact line). */
        @WithDefault("Personal information inquiries: privacy@example.invalid")
        String contactEn();
    }

    interface Ingest {
        /** Most events one batch request may carry. */
        @WithDefault("5000")
        @Min(1)
        @Max(20000)
        int maxBatch();
    }

    interface Purge {
        /** When the retention purge runs (Quarkus cron, Asia/Tokyo); {@code off} disables the schedule. */
        @WithDefault("0 30 3 * * ?")
        String cron();
    }
}
