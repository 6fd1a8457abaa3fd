package dev.kiroku.breachreporting.affected.service;

import dev.kiroku.breachreporting.affected.AffectedPerson;
import dev.kiroku.breachreporting.affected.repository.AffectedPersonRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The affected persons as other features read them (notification campaigns), without this feature's repository. */
@ApplicationScoped
public class AffectedPersons {

    private final AffectedPersonRepository persons;

    public AffectedPersons(AffectedPersonRepository persons) {
        this.persons = persons;
    }

    /** A page of the incident's persons in id order after the cursor. */
    public List<AffectedPerson> page(UUID incidentId, UUID after, int limit) {
        return persons.listAfter(incidentId, after, limit);
    }

    /** The person, or {@code null}. */
    public AffectedPerson findById(UUID id) {
        return persons.findById(id);
    }
}
