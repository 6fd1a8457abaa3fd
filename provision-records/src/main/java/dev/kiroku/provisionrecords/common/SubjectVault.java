package dev.kiroku.provisionrecords.common;

import dev.kiroku.platform.persistence.FieldVault;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Subjects' data at rest through the platform's {@link FieldVault} (keys {@code kiroku.crypto.*}): what is sealed per
 * row and what the blind index is computed over ({@link SubjectKeys#indexInput}). Built at start-up, so a missing key
 * stops the service there and not at the first write.
 */
@ApplicationScoped
@Startup
public class SubjectVault {

    private final FieldVault vault;

    public SubjectVault(FieldVault vault) {
        this.vault = vault;
    }

    /** The blind index of a subject's scheme and identifier. */
    public String index(String scheme, String identifier) {
        return vault.blindIndex(SubjectKeys.indexInput(scheme, identifier));
    }

    /** The blind index of an already normalised {@link SubjectKeys#indexInput subject index input}. */
    public String indexOf(String indexInput) {
        return vault.blindIndex(indexInput);
    }

    public byte[] seal(String value, UUID row) {
        return vault.seal(value, row);
    }

    public String open(byte[] sealed, UUID row) {
        return vault.open(sealed, row);
    }
}
