package dev.kiroku.provisionrecords.record.repository;

import dev.kiroku.provisionrecords.record.Counterparty;
import dev.kiroku.provisionrecords.record.DataItem;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whose data went where: the records of a counterparty (by corporate number and/or name), with any of the items,
 * covering a day in the period — current versions, not purged, with a subject. What breach-reporting asks to name the
 * persons an incident at that counterparty affects.
 *
 * @param counterpartyCorporateNumber the counterparty's 13-digit corporate number (法人番号), or {@code null}
 * @param counterpartyName            the counterparty's name (NFKC, case and spaces ignored), or {@code null}
 * @param items                       records with any of these items; empty = any item
 * @param from                        records covering a day on or after, or {@code null}
 * @param to                          records covering a day on or before, or {@code null}
 */
public record SubjectCriteria(String counterpartyCorporateNumber, String counterpartyName, Set<DataItem> items,
                              LocalDate from, LocalDate to) {

    public SubjectCriteria {
        items = items == null ? Set.of() : Set.copyOf(items);
    }

    /** The filter as the audit chain records it (no personal data: the counterparty is a business). */
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("counterpartyCorporateNumber", String.valueOf(counterpartyCorporateNumber));
        facts.put("counterpartyName", String.valueOf(counterpartyName));
        facts.put("items", items.stream().map(Enum::name).sorted().toList());
        facts.put("from", String.valueOf(from));
        facts.put("to", String.valueOf(to));
        return facts;
    }

    /** The SQL condition (alias {@code r}), adding its parameters in order. */
    String where(List<Object> parameters) {
        StringBuilder sql = new StringBuilder(ProvisionRecordRepository.CURRENT)
                .append(" AND r.purged_at IS NULL AND r.subject_index IS NOT NULL");
        if (counterpartyCorporateNumber != null) {
            sql.append(" AND r.counterparty_corporate_no = ?");
            parameters.add(counterpartyCorporateNumber);
        }
        if (counterpartyName != null) {
            sql.append(" AND r.counterparty_key = ?");
            parameters.add(Counterparty.key(counterpartyName));
        }
        if (!items.isEmpty()) {
            sql.append(" AND r.data_items && ?");
            parameters.add(items.stream().map(Enum::name).sorted().toArray(String[]::new));
        }
        if (from != null) {
            sql.append(" AND ").append(ProvisionRecordRepository.LAST_DAY).append(" >= ?");
            parameters.add(from);
        }
        if (to != null) {
            sql.append(" AND ").append(ProvisionRecordRepository.FIRST_DAY).append(" <= ?");
            parameters.add(to);
        }
        return sql.toString();
    }
}
