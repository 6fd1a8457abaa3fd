package dev.kiroku.platform.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The audit log's settings ({@code kiroku.audit.*}); its signing key is a {@code kiroku.crypto} key. */
@ConfigMapping(prefix = "kiroku.audit")
public interface AuditConfig {

    /**
     * The log's origin, the first line of its checkpoints and the name of its key: unique per service and deployment,
     * e.g. {@code kiroku.example.jp/provision-records} (environment KIROKU_AUDIT_ORIGIN). Default
     * {@code kiroku.localhost/<service name>}, for local and test use only.
     */
    Optional<String> origin();

    /** How often the signer looks for new leaves; a checkpoint follows a commit within this plus one signing. */
    @WithDefault("200ms")
    Duration checkpointInterval();

    /**
     * How often the whole log is verified in the background ({@link AuditVerifier}; environment
     * KIROKU_AUDIT_VERIFICATION_INTERVAL), first at start. Its result, and that of every verification asked for at
     * {@code /api/v1/audit/<service>/verification}, is at {@code /q/metrics} ({@code kiroku_audit_verification_ok},
     * {@code kiroku_audit_verification_last_run_timestamp_seconds}). A verification reads every entry once.
     */
    @WithDefault("1h")
    Duration verificationInterval();

    /**
     * Stored subtrees of at least {@code 2^node-cache-min-level} leaves are kept in memory once read, for proofs: they
     * never change (a perfect subtree is written once), and every proof needs the top of the tree. The levels below
     * are read from the database, one batched query per proof.
     */
    @WithDefault("8")
    int nodeCacheMinLevel();

    /** Subtree hashes kept at most (about 150 bytes each); 0 turns the cache off. */
    @WithDefault("100000")
    long nodeCacheMaxEntries();
}
