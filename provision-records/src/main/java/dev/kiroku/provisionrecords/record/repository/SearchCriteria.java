package dev.kiroku.provisionrecords.record.repository;

import dev.kiroku.provisionrecords.record.Counterparty;
import dev.kiroku.provisionrecords.record.DataItem;
import dev.kiroku.provisionrecords.record.Direction;
import dev.kiroku.provisionrecords.record.LegalBasis;
import dev.kiroku.provisionrecords.record.service.SubjectVault;

import java.time.LocalDate;
import java.util.List;

/**
 * Filters of a search or an export over current record versions; every filter is optional. A subject is matched
 * through its blind index only; a counterparty by its normalised name; dates by overlap with the record's day or
 * period.
 */
public record SearchCriteria(Direction direction, LegalBasis basis, String counterparty, String subjectScheme,
                             String subjectIdentifier, LocalDate from, LocalDate to, DataItem item,
                             boolean includePurged) {

    /** The SQL condition (alias {@code r}), adding its parameters in order. */
    String where(List<Object> parameters, SubjectVault vault) {
        StringBuilder sql = new StringBuilder(ProvisionRecordRepository.CURRENT);
        if (!includePurged) {
            sql.append(" AND r.purged_at IS NULL");
        }
        if (direction != null) {
            sql.append(" AND r.direction = ?");
            parameters.add(direction.name());
        }
        if (basis != null) {
            sql.append(" AND r.legal_basis = ?");
            parameters.add(basis.name());
        }
        if (counterparty != null) {
            sql.append(" AND r.counterparty_key = ?");
            parameters.add(Counterparty.key(counterparty));
        }
        if (subjectIdentifier != null) {
            sql.append(" AND r.subject_index = ?");
            parameters.add(vault.index(subjectScheme, subjectIdentifier));
        }
        if (from != null) {
            sql.append(" AND ").append(ProvisionRecordRepository.LAST_DAY).append(" >= ?");
            parameters.add(from);
        }
        if (to != null) {
            sql.append(" AND ").append(ProvisionRecordRepository.FIRST_DAY).append(" <= ?");
            parameters.add(to);
        }
        if (item != null) {
            sql.append(" AND ? = ANY (r.data_items)");
            parameters.add(item.name());
        }
        return sql.toString();
    }
}
