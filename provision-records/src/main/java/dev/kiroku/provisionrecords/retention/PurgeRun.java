package dev.kiroku.provisionrecords.retention;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One retention purge run: when, as of which day, by whom, how many record versions, and its audit-chain entry. */
public record PurgeRun(UUID id, OffsetDateTime startedAt, OffsetDateTime finishedAt, LocalDate asOf,
                       String triggeredBy, int purgedCount, Long auditSeq) {
}
