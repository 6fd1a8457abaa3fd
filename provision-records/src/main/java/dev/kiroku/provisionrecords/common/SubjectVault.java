package dev.kiroku.provisionrecords.common;

import dev.kiroku.platform.persistence.FieldCipher;
import dev.kiroku.provisionrecords.config.CryptoConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Seals subjects for storage (AES-GCM per row) and computes their blind index; the only holder of the keys. */
@ApplicationScoped
public class SubjectVault {

    private final FieldCipher cipher;

    public SubjectVault(CryptoConfig config) {
        this.cipher = new FieldCipher(config.key(), config.retiredKeys().orElse(java.util.List.of()),
                config.indexKey());
    }

    /** The blind index of a subject's scheme and identifier. */
    public String index(String scheme, String identifier) {
        return cipher.blindIndex(SubjectKeys.indexInput(scheme, identifier));
    }

    /** The blind index of an already normalised {@link SubjectKeys#indexInput subject index input}. */
    public String indexOf(String indexInput) {
        return cipher.blindIndex(indexInput);
    }

    public byte[] seal(String value, UUID row) {
        return cipher.encrypt(value, row);
    }

    public String open(byte[] sealed, UUID row) {
        return cipher.decrypt(sealed, row);
    }
}
