package dev.kiroku.breachreporting.affected.service;

import dev.kiroku.breachreporting.affected.repository.AffectedPersonRepository;
import dev.kiroku.breachreporting.incident.service.AffectedPersonCounts;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** The {@code incident} feature's count of affected persons, answered from this feature's repository. */
@ApplicationScoped
class AffectedPersonCounter implements AffectedPersonCounts {

    private final AffectedPersonRepository persons;

    public AffectedPersonCounter(AffectedPersonRepository persons) {
        this.persons = persons;
    }

    @Override
    public long countOf(UUID incidentId) {
        return persons.countOf(incidentId);
    }

    @Override
    public Map<UUID, Long> countsOf(Collection<UUID> incidentIds) {
        return persons.countsOf(incidentIds);
    }
}
