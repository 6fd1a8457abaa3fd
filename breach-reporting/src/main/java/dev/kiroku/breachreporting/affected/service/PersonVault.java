package dev.kiroku.breachreporting.affected.service;

import dev.kiroku.breachreporting.affected.AffectedPerson;
import dev.kiroku.breachreporting.affected.AffectedSubject;
import dev.kiroku.platform.persistence.FieldCipher;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Seals affected persons' data for storage (AES-GCM per row) and computes their blind index; the only key holder. */
@ApplicationScoped
public class PersonVault implements AffectedPerson.Sealer {

    private final FieldCipher cipher;

    public PersonVault(CryptoConfig config) {
        this.cipher = new FieldCipher(config.key(), config.retiredKeys().orElse(List.of()), config.indexKey());
    }

    /** The de-duplication index of a person. */
    public String index(AffectedSubject subject) {
        return cipher.blindIndex(subject.indexInput());
    }

    @Override
    public byte[] seal(String value, UUID row) {
        return value == null ? null : cipher.encrypt(value, row);
    }

    @Override
    public String open(byte[] sealed, UUID row) {
        return sealed == null ? null : cipher.decrypt(sealed, row);
    }
}
