package dev.kiroku.breachreporting.report;

import java.time.Instant;

/**
 * The record of a report's submission: where it went, when, the receipt number the channel gave, and the business that
 * filed it (Rule 8 names the business, not the staff member; the staff member who recorded it is kept apart).
 */
public record Submission(SubmissionChannel channel, String ministry, Instant submittedAt, String receiptNumber,
                         String submittingBusiness, String note) {
}
