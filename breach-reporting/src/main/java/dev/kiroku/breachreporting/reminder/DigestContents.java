package dev.kiroku.breachreporting.reminder;

import java.util.List;

/** The deadlines a sent digest covered (stored as JSON on the digest's row). */
public record DigestContents(List<CoveredDeadline> deadlines) {

    public DigestContents {
        deadlines = List.copyOf(deadlines);
    }
}
