package dev.kiroku.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * The one holder of the keys of personal data at rest in a service: seals a field for its row (AES-256-GCM, the row's
 * id as associated data, so a ciphertext copied to another row does not open) and computes the keyed blind index
 * (HMAC-SHA256, hex) for exact lookup. The arithmetic is {@link FieldCipher}'s; the keys are {@link CryptoConfig}'s.
 * A service's own vault (e.g. of persons or subjects) is a thin use of this one, deciding only what is indexed.
 */
@ApplicationScoped
public class FieldVault {

    private final FieldCipher cipher;

    @Inject
    public FieldVault(CryptoConfig config) {
        this(cipher(config));
    }

    public FieldVault(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** The cipher under the configured keys; a clear refusal when a key is missing. */
    public static FieldCipher cipher(CryptoConfig config) {
        return new FieldCipher(
                config.key().orElseThrow(() -> missing("kiroku.crypto.key", "KIROKU_CRYPTO_KEY")),
                config.retiredKeys().orElse(List.of()),
                config.indexKey().orElseThrow(() -> missing("kiroku.crypto.index-key", "KIROKU_CRYPTO_INDEX_KEY")));
    }

    private static IllegalStateException missing(String property, String env) {
        return new IllegalStateException("the key " + property + " (environment " + env + ", Secret kiroku-crypto) "
                + "is not set: this service seals personal data and cannot start without it (k8s/README.md)");
    }

    /** The sealed value for the row; {@code null} stays {@code null}. */
    public byte[] seal(String value, UUID row) {
        return value == null ? null : cipher.encrypt(value, row);
    }

    /** The value sealed for the row; {@code null} stays {@code null}. */
    public String open(byte[] sealed, UUID row) {
        return sealed == null ? null : cipher.decrypt(sealed, row);
    }

    /** The keyed blind index (hex HMAC-SHA256) of an already normalised index input. */
    public String blindIndex(String indexInput) {
        return cipher.blindIndex(indexInput);
    }
}
