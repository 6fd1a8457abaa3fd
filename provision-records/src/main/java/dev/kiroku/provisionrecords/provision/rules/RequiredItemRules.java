package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.RecordItem;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static dev.kiroku.provisionrecords.provision.RecordItem.ACQUISITION_CIRCUMSTANCES;
import static dev.kiroku.provisionrecords.provision.RecordItem.COUNTERPARTY;
import static dev.kiroku.provisionrecords.provision.RecordItem.COUNTERPARTY_ADDRESS;
import static dev.kiroku.provisionrecords.provision.RecordItem.COUNTERPARTY_REPRESENTATIVE;
import static dev.kiroku.provisionrecords.provision.RecordItem.DATA_ITEMS;
import static dev.kiroku.provisionrecords.provision.RecordItem.PPC_PUBLICATION;
import static dev.kiroku.provisionrecords.provision.RecordItem.PROVISION_DATE;
import static dev.kiroku.provisionrecords.provision.RecordItem.SUBJECT;

/**
 * Which items a record must hold, by direction and basis (docs/law.md §A2 for Rule 20(1), §B2 for Rule 24(1)). The
 * statement that consent was obtained is the basis itself. A corporation's representative is required only of a
 * corporate provider. Non-statutory records keep the house minimum so that they remain evidence.
 */
final class RequiredItemRules {

    /** One row: the statutory status and bases it covers, the items, and the rule. */
    public record Row(String id, Direction direction, Predicate<LegalBasis> bases, boolean statutory,
                      Set<RecordItem> items, String rule) {
    }

    public static final List<Row> ROWS = List.of(
            new Row("provided-opt-out", Direction.PROVIDED, b -> b == LegalBasis.OPT_OUT_27_2, true,
                    Set.of(PROVISION_DATE, COUNTERPARTY, SUBJECT, DATA_ITEMS), "APPI Rule 20(1)(i)"),
            new Row("provided-consent", Direction.PROVIDED, b -> true, true,
                    Set.of(COUNTERPARTY, SUBJECT, DATA_ITEMS), "APPI Rule 20(1)(ii)"),
            new Row("received-opt-out", Direction.RECEIVED, b -> b == LegalBasis.OPT_OUT_27_2, true,
                    Set.of(PROVISION_DATE, COUNTERPARTY, COUNTERPARTY_ADDRESS, COUNTERPARTY_REPRESENTATIVE,
                            ACQUISITION_CIRCUMSTANCES, SUBJECT, DATA_ITEMS, PPC_PUBLICATION),
                    "APPI Rule 24(1)(i), Art. 30(1)"),
            new Row("received-consent", Direction.RECEIVED, LegalBasis::isConsent, true,
                    Set.of(COUNTERPARTY, COUNTERPARTY_ADDRESS, COUNTERPARTY_REPRESENTATIVE, ACQUISITION_CIRCUMSTANCES,
                            SUBJECT, DATA_ITEMS), "APPI Rule 24(1)(ii), Art. 30(1)"),
            new Row("received-non-business", Direction.RECEIVED, b -> b == LegalBasis.FROM_NON_BUSINESS, true,
                    Set.of(COUNTERPARTY, COUNTERPARTY_ADDRESS, ACQUISITION_CIRCUMSTANCES, SUBJECT, DATA_ITEMS),
                    "APPI Rule 24(1)(iii), Art. 30(1)"), // verification [M]: docs/law.md
            new Row("non-statutory", null, b -> true, false, Set.of(COUNTERPARTY, SUBJECT, DATA_ITEMS),
                    "Kiroku house rule: voluntary evidence keeps counterparty, subject and items"));

    private RequiredItemRules() {
    }

    /** The row for a record: the first whose status, direction and basis match. */
    public static Row rowFor(Direction direction, LegalBasis basis, boolean statutory) {
        return ROWS.stream()
                .filter(r -> r.statutory() == statutory)
                .filter(r -> r.direction() == null || r.direction() == direction)
                .filter(r -> r.bases().test(basis))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no item row for " + direction + "/" + basis));
    }
}
