package dev.kiroku.provisionrecords.provision;

import java.time.LocalDate;
import java.util.LinkedHashMap;
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
}
