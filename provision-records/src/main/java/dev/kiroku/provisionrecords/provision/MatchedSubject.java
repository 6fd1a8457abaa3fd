package dev.kiroku.provisionrecords.provision;

/** One distinct subject of the records a {@link SubjectCriteria} matches, with the cursor that follows it. */
public record MatchedSubject(String cursor, Subject subject) {
}
