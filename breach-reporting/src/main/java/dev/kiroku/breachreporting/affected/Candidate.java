package dev.kiroku.breachreporting.affected;

import java.util.List;

/**
 * A person as one row or one subject of a source names them, checked: either a subject to add or complete, or the
 * reasons the row was rejected.
 *
 * @param row        the row's number in its file (the header being row 1), or the subject's position in a derivation
 * @param subject    the person, when the row is valid
 * @param rejections why the row was not taken, when it is not
 */
public record Candidate(long row, AffectedSubject subject, List<Rejection> rejections) {

    public Candidate {
        rejections = List.copyOf(rejections);
        if ((subject == null) == rejections.isEmpty()) {
            throw new IllegalArgumentException("a candidate is either a subject or rejected");
        }
    }

    public static Candidate of(long row, AffectedSubject subject) {
        return new Candidate(row, subject, List.of());
    }

    public boolean rejected() {
        return subject == null;
    }
}
