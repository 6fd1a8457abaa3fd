package dev.kiroku.breachreporting.affected;

/** Where an affected person was first named. */
public enum AffectedPersonSource {
    /** A CSV file imported by a breach manager or compliance officer. */
    CSV_IMPORT,
    /** Subjects of provision records, read from provision-records with the service account. */
    PROVISION_RECORDS
}
