package dev.kiroku.provisionrecords.provision;

import java.time.LocalDate;

/**
 * Filters of a search or an export over current record versions; every filter is optional. A subject is matched
 * through its blind index only; a counterparty by its normalised name; dates by overlap with the record's day or
 * period.
 */
public record SearchCriteria(Direction direction, LegalBasis basis, String counterparty, String subjectScheme,
                             String subjectIdentifier, LocalDate from, LocalDate to, DataItem item,
                             boolean includePurged) {
}
