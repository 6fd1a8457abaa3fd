package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.RecordItem;
import dev.kiroku.provisionrecords.provision.RecordMethod;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which record methods each basis allows (docs/law.md §A3, §B3), and what a method needs in addition. The first row
 * of a method whose condition fails refuses the record.
 */
final class MethodRules {

    /** One row: the method, whether the facts allow it, why not, the items the method needs, and the rule. */
    public record Row(String id, RecordMethod method, java.util.function.Predicate<Facts> allowed, String refusal,
                      Set<RecordItem> needs, String rule) {
    }

    public static final List<Row> ROWS = List.of(
            new Row("per-event", RecordMethod.PER_EVENT, f -> true, null, Set.of(),
                    "APPI Rule 19(2) / Rule 23(2) main text: a record each time, promptly"),
            new Row("bulk-not-opt-out", RecordMethod.BULK, f -> f.basis() != LegalBasis.OPT_OUT_27_2,
                    "An opt-out provision or receipt must be recorded each time; a bulk record is not allowed",
                    Set.of(RecordItem.PERIOD_FIRST),
                    "APPI Rule 19(2) proviso / Rule 23(2) proviso"),
            new Row("contract-consent-goods", RecordMethod.CONTRACT,
                    f -> f.basis().isConsent() && f.goodsOrServices(),
                    "A contract or other document serves as the record only for consent-based provision (Art. 27(1) "
                            + "or 28(1)) in connection with goods or services supplied to the subject",
                    Set.of(RecordItem.CONTRACT_REFERENCE, RecordItem.PROVISION_DATE),
                    "APPI Rule 19(3) / Rule 23(3)"));

    private MethodRules() {
    }

    public static Row rowFor(RecordMethod method) {
        return ROWS.stream().filter(r -> r.method() == method).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method row for " + method));
    }

    /** The refusal, if the method is not allowed for these facts. */
    public static Optional<RuleViolation> check(Facts facts) {
        Row row = rowFor(facts.method());
        return row.allowed().test(facts) ? Optional.empty()
                : Optional.of(new RuleViolation("method-" + row.id(), "method", row.refusal(), row.rule()));
    }
}
