package dev.kiroku.breachreporting.affected.service;

import dev.kiroku.breachreporting.affected.AffectedPerson;
import dev.kiroku.breachreporting.affected.AffectedSubject;
import dev.kiroku.platform.persistence.FieldVault;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Affected persons' data at rest through the platform's {@link FieldVault} (keys {@code kiroku.crypto.*}): what is
 * sealed per row and what the de-duplication index is computed over. Built at start-up, so a missing key stops the
 * service there and not at the first import.
 */
@ApplicationScoped
@Startup
public class PersonVault implements AffectedPerson.Sealer {

    private final FieldVault vault;

    public PersonVault(FieldVault vault) {
        this.vault = vault;
    }

    /** The de-duplication index of a person. */
    public String index(AffectedSubject subject) {
        return vault.blindIndex(subject.indexInput());
    }

    @Override
    public byte[] seal(String value, UUID row) {
        return vault.seal(value, row);
    }

    @Override
    public String open(byte[] sealed, UUID row) {
        return vault.open(sealed, row);
    }
}
