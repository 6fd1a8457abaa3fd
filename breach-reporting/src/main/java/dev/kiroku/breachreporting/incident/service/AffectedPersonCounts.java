package dev.kiroku.breachreporting.incident.service;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * How many affected persons an incident has named (Rule 7's count of known persons): a port the {@code affected}
 * feature implements, so that {@code incident} needs nothing of {@code affected} and the arrow points one way.
 */
public interface AffectedPersonCounts {

    /** The persons named for the incident. */
    long countOf(UUID incidentId);

    /** The persons named for each incident (absent: none). */
    Map<UUID, Long> countsOf(Collection<UUID> incidentIds);
}
