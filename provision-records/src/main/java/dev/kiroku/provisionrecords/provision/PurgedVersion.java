package dev.kiroku.provisionrecords.provision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One record version whose personal data the retention purge removed (APPI Art. 29(2) / 30(4), Rules 21 / 25), with
 * what its retention was computed from: what the purge leaf of the audit log names, never any personal data.
 *
 * @param id               the version
 * @param lineageId        the record it is a version of
 * @param rule             the retention rule's id ({@code contract}, {@code bulk}, {@code per-event}, {@code voluntary})
 * @param basis            the rule as the version recorded it (its legal basis in words)
 * @param anchor           what the period is counted from ({@code LAST_PROVISION} or {@code RECORD_CREATION})
 * @param period           the rule's period (ISO 8601, e.g. {@code P1Y})
 * @param countedFrom      the day the period was counted from
 * @param legalRetainUntil the end the law requires (inclusive)
 * @param retainUntil      the version's own end (inclusive): the later of the legal end and a business policy's
 * @param keptUntil        the end the purge obeyed (inclusive): the current version's {@code retainUntil}, since an
 *                         older version is kept as long as the current version of its record
 * @param purgedAt         when its personal data was removed
 */
public record PurgedVersion(UUID id, UUID lineageId, String rule, String basis, String anchor, String period,
                            LocalDate countedFrom, LocalDate legalRetainUntil, LocalDate retainUntil,
                            LocalDate keptUntil, OffsetDateTime purgedAt) {
}
