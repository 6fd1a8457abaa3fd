package dev.kiroku.breachreporting.notification;

import dev.kiroku.breachreporting.affected.AffectedPerson;
import dev.kiroku.breachreporting.affected.AffectedPersonSource;
import dev.kiroku.breachreporting.affected.AffectedSubject;
import dev.kiroku.breachreporting.affected.repository.AffectedPersonRepository;
import dev.kiroku.breachreporting.affected.service.PersonVault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test-only: names affected persons of an incident directly through the repository and the vault. */
@ApplicationScoped
public class AffectedPersonFixtures {

    private final AffectedPersonRepository persons;
    private final PersonVault vault;

    public AffectedPersonFixtures(AffectedPersonRepository persons, PersonVault vault) {
        this.persons = persons;
        this.vault = vault;
    }

    /** Adds the persons; answers their row ids in the order given. */
    @Transactional
    public List<UUID> add(UUID incidentId, List<AffectedSubject> subjects) {
        UUID source = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        for (AffectedSubject subject : subjects) {
            AffectedPerson person = AffectedPerson.named(incidentId, subject, vault.index(subject),
                    AffectedPersonSource.CSV_IMPORT, source, "test", Instant.now(), vault);
            persons.persist(person);
            ids.add(person.id());
        }
        return ids;
    }
}
