package dev.kiroku.provisionrecords.config;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * Keys for personal data at rest, as the operations runbook names them (Secret {@code kiroku-crypto}, read as the
 * environment KIROKU_CRYPTO_KEY, KIROKU_CRYPTO_RETIRED_KEYS, KIROKU_CRYPTO_INDEX_KEY). No defaults: production takes
 * them from the Secret, {@code ./kiroku up} generates local ones, tests use test-only ones.
 */
@ConfigMapping(prefix = "kiroku.crypto")
public interface CryptoConfig {

    /** {@code <id>:<base64 of 32 random bytes>}: the AES-256-GCM key that encrypts. */
    String key();

    /** Earlier keys in the same form, comma-separated: decrypt only. */
    Optional<List<String>> retiredKeys();

    /** Base64 of 32 random bytes: the HMAC key of the subject blind index (never rotated). */
    String indexKey();
}
