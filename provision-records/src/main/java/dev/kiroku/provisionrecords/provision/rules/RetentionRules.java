package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.RecordMethod;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * How long a record must be kept (docs/law.md §A4 for Rule 21, §B3 for Rule 25). "起算して…を経過する日まで" is read
 * conservatively (docs/law.md §H5, unverified day arithmetic): kept up to and including the anniversary of the start.
 */
public final class RetentionRules {

    /** What the count starts from. */
    public enum Anchor {
        /** The last provision the record covers. */
        LAST_PROVISION,
        /** The day the record was made (Asia/Tokyo). */
        RECORD_CREATION
    }

    /** One row: the method, the period, the anchor and the rule. */
    public record Row(String id, RecordMethod method, boolean statutory, Period period, Anchor anchor, String rule) {
    }

    public static final List<Row> ROWS = List.of(
            new Row("contract", RecordMethod.CONTRACT, true, Period.ofYears(1), Anchor.LAST_PROVISION,
                    "APPI Rule 21(1)(i) / Rule 25(1)(i): 1 year from the last provision covered"), // verification [M wording]
            new Row("bulk", RecordMethod.BULK, true, Period.ofYears(3), Anchor.LAST_PROVISION,
                    "APPI Rule 21(1)(ii) / Rule 25(1)(ii): 3 years from the last provision covered"), // verification [M wording]
            new Row("per-event", RecordMethod.PER_EVENT, true, Period.ofYears(3), Anchor.RECORD_CREATION,
                    "APPI Art. 29(2), Rule 21(1)(iii) / Art. 30(4), Rule 25(1)(iii): 3 years from the record's creation"),
            new Row("voluntary", null, false, Period.ofYears(3), Anchor.RECORD_CREATION,
                    "No legal minimum (voluntary record): Kiroku keeps it 3 years from creation as evidence"));

    private RetentionRules() {
    }

    public static Row rowFor(RecordMethod method, boolean statutory) {
        return ROWS.stream()
                .filter(r -> r.statutory() == statutory && (r.method() == null || r.method() == method))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no retention row for " + method));
    }

    /**
     * The legal retention end: the anchor day plus the period, inclusive. {@code null} while a bulk record's period is
     * still open (the last provision is not known yet): such a record is never purged.
     */
    public static LocalDate legalRetainUntil(Row row, LocalDate lastProvision, LocalDate created) {
        LocalDate anchor = countedFrom(row, lastProvision, created);
        return anchor == null ? null : anchor.plus(row.period());
    }

    /**
     * The day the row's period is counted from: the last provision the record covers, or the day the record (its
     * first version, for a correction) was made. {@code null} while a bulk record's period is open.
     */
    public static LocalDate countedFrom(Row row, LocalDate lastProvision, LocalDate created) {
        return row.anchor() == Anchor.LAST_PROVISION ? lastProvision : created;
    }
}
