package dev.kiroku.platform.persistence;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * Keys for personal data at rest, as the operations runbook names them (Secret {@code kiroku-crypto}, read as the
 * environment KIROKU_CRYPTO_KEY, KIROKU_CRYPTO_RETIRED_KEYS, KIROKU_CRYPTO_INDEX_KEY; k8s/README.md). No defaults:
 * production takes them from the Secret, {@code ./kiroku up} generates local ones, tests use test-only ones.
 * <p>
 * Optional here only because every service carries this mapping and not every service seals personal data; a service
 * that does uses {@link FieldVault}, which refuses to start without them.
 */
@ConfigMapping(prefix = "kiroku.crypto")
public interface CryptoConfig {

    /** {@code <id>:<base64 of 32 random bytes>}: the AES-256-GCM key that encrypts. */
    Optional<String> key();

    /** Earlier keys in the same form, comma-separated: decrypt only. */
    Optional<List<String>> retiredKeys();

    /** Base64 of 32 random bytes: the HMAC key of the blind index (never rotated). */
    Optional<String> indexKey();

    /**
     * Base64 of 32 random bytes: the Ed25519 private key (RFC 8032 seed) that signs the audit log's checkpoints
     * (environment KIROKU_CRYPTO_AUDIT_SIGNING_KEY; rotation in k8s/README.md).
     */
    Optional<String> auditSigningKey();

    /**
     * Earlier audit signing keys in the same form, comma-separated (environment
     * KIROKU_CRYPTO_AUDIT_RETIRED_SIGNING_KEYS): during a rotation the entries that instances still running with the
     * previous key authenticated are accepted (k8s/README.md, "The audit-log signing key"). Empty normally.
     */
    Optional<List<String>> auditRetiredSigningKeys();

    /**
     * Base64 of 32 random bytes: the Ed25519 private key (RFC 8032 seed) with which the service, as a witness of the
     * other services' audit logs, cosigns their checkpoints (C2SP tlog-cosignature; environment
     * KIROKU_CRYPTO_AUDIT_WITNESS_KEY). Needed only when the service witnesses logs ({@code kiroku.audit.witness.logs}).
     */
    Optional<String> auditWitnessKey();
}
