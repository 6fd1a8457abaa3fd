package dev.kiroku.platform.audit;

import dev.kiroku.platform.audit.merkle.MerkleTree;
import dev.kiroku.platform.audit.note.Checkpoint;
import dev.kiroku.platform.audit.note.NoteKey;
import dev.kiroku.platform.audit.note.SignedNote;
import dev.kiroku.platform.persistence.CryptoConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signs and keeps the audit log's checkpoints. A signer thread of its own (every
 * {@code kiroku.audit.checkpoint-interval}, 200 ms by default, after the previous signing ended) reads the committed tree size and, when the log grew, computes the root from
 * the stored subtrees (one batched read), signs it and keeps the note; so a commit is covered by a signed checkpoint
 * within one interval plus one signing. Appends never wait for it. Several instances of a service may sign the same
 * size: Ed25519 is deterministic, the note is the same, the second insert does nothing.
 * <p>
 * Not a Quarkus {@code @Scheduled} method: the simple scheduler looks for due triggers once a second
 * ({@code SimpleScheduler.CHECK_PERIOD}), so an interval under a second was run once a second, and under the ingest
 * load of bench/provision-records the checkpoint lag reached p99 1,013 ms. The issue asks for at most 1 s.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final NoteKey key;
    private final AuditEntryMacs macs;
    /** The last checkpoint {@link #ofSize} found (signed checkpoints are immutable). */
    private volatile AuditCheckpoint lastOfSize;
    /** The last size {@link #ofSize} found no checkpoint of, and when. */
    private volatile Unsigned lastUnsigned;
    /** The last unauthenticated leaf reported, so that one is logged once, not at every interval. */
    private volatile long reported;
    /** The most leaves one signing checks (MACs) and covers; the next signing goes on from there. */
    static final long WINDOW = 1_000;
    private final Duration interval;
    private ScheduledExecutorService signer;
    private volatile long lastWarned;

    @Inject
    public AuditCheckpoints(AgroalDataSource dataSource, Clock clock, AuditConfig config, CryptoConfig crypto,
                            AuditEntryMacs macs,
                            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.macs = macs;
        this.interval = config.checkpointInterval();
        String origin = config.origin().orElse("kiroku.localhost/" + serviceName);
        String seed = crypto.auditSigningKey().orElseThrow(() -> new IllegalStateException(
                "the key kiroku.crypto.audit-signing-key (environment KIROKU_CRYPTO_AUDIT_SIGNING_KEY, Secret "
                        + "kiroku-crypto) is not set: the audit log cannot sign its checkpoints (k8s/README.md)"));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(seed.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("kiroku.crypto.audit-signing-key is not base64 of 32 bytes");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("kiroku.crypto.audit-signing-key is not base64 of 32 bytes");
        }
        this.key = NoteKey.signing(origin, bytes);
    }

    /** The log's origin (also its key's name). */
    public String origin() {
        return key.name();
    }

    /** The signed-note verifier key that checks the checkpoints. */
    public String verifierKey() {
        return key.verifierKey();
    }

    /** The public half of the signing key, for verifying. */
    public NoteKey verifier() {
        return NoteKey.verifier(key.verifierKey());
    }

    /** A checkpoint of the log as it is at start (also re-signs under a rotated key). */
    void atStart(@Observes @Priority(10) StartupEvent start) {
        signIfGrown();
        long every = Math.max(10, interval.toMillis());
        signer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kiroku-audit-checkpoint-signer");
            thread.setDaemon(true);
            return thread;
        });
        signer.scheduleWithFixedDelay(this::signOrWarn, every, every, TimeUnit.MILLISECONDS);
    }

    void atShutdown(@Observes ShutdownEvent stop) {
        if (signer != null) {
            signer.shutdownNow();
        }
    }

    /** One signing of the signer thread; a failure (the database away) is logged at most once a minute and retried. */
    private void signOrWarn() {
        try {
            signIfGrown();
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (lastWarned == 0 || now - lastWarned > 60_000_000_000L) {
                lastWarned = now;
                LOG.warnf("audit log: could not sign a checkpoint (retried every %d ms): %s", interval.toMillis(),
                        e.getMessage());
            }
        }
    }

    /**
     * Signs a checkpoint when the log holds leaves no checkpoint by the current key covers, but never over a leaf the
     * service did not write: every leaf after the newest checkpoint (by the current key; after a rotation, by any key)
     * must carry its entry's MAC ({@link AuditEntryMacs}). The first that does not stops the signing before it (an
     * ERROR names it once); verification names it too.
     */
    void signIfGrown() {
        try (Connection connection = dataSource.getConnection()) {
            long size = AuditChain.treeSize(connection);
            try (PreparedStatement latest = connection.prepareStatement(
                    "SELECT 1 FROM audit_checkpoint WHERE key_id = ? AND tree_size >= ? LIMIT 1")) {
                latest.setString(1, key.keyIdHex());
                latest.setLong(2, size);
                try (ResultSet rs = latest.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            size = authenticatedSize(connection, signedSize(connection), size);
            if (alreadySigned(connection, size)) {
                return;
            }
            byte[] root = new MerkleTree(AuditTreeNodes.reader(connection)).rootHash(size);
            String note = SignedNote.sign(new Checkpoint(key.name(), size, root).body(), key);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO audit_checkpoint (tree_size, key_id, root_hash, note, signed_at) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING")) {
                insert.setLong(1, size);
                insert.setString(2, key.keyIdHex());
                insert.setBytes(3, root);
                insert.setString(4, note);
                insert.setTimestamp(5, Timestamp.from(clock.instant()));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new AuditChainException("could not sign a checkpoint of the audit log", e);
        }
    }

    /** The size the newest checkpoint covers: by the current key, else (a rotated key's first) by any key. */
    private long signedSize(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT coalesce((SELECT max(tree_size) FROM "
                + "audit_checkpoint WHERE key_id = ?), (SELECT max(tree_size) FROM audit_checkpoint), 0)")) {
            query.setString(1, key.keyIdHex());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private boolean alreadySigned(Connection connection, long size) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM audit_checkpoint WHERE key_id = ? AND tree_size = ?")) {
            query.setString(1, key.keyIdHex());
            query.setLong(2, size);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The largest size up to {@code size} whose leaves after {@code signed} all carry their entry's MAC: {@code size}
     * itself unless a leaf was inserted behind the service's back (then the size before it).
     */
    private long authenticatedSize(Connection connection, long signed, long size) throws SQLException {
        if (size <= signed) {
            return size;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT n.idx, n.hash, e.mac FROM audit_tree_node n "
                + "LEFT JOIN audit_entry e ON e.seq = n.idx + 1 WHERE n.level = 0 AND n.idx >= ? AND n.idx < ? "
                + "ORDER BY n.idx")) {
            long end = Math.min(size, signed + WINDOW); // never the whole log at once, however far behind
            query.setLong(1, signed);
            query.setLong(2, end);
            query.setFetchSize(1000);
            long expected = signed;
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    long index = rs.getLong(1);
                    if (index != expected || !macs.authenticates(index + 1, rs.getBytes(2), rs.getBytes(3))) {
                        refuse(expected + 1);
                        return expected;
                    }
                    expected++;
                }
            }
            if (expected < end) {
                refuse(expected + 1);
            }
            return expected;
        }
    }

    private void refuse(long seq) {
        if (reported != seq) {
            reported = seq;
            LOG.errorf("audit log: entry %d is not authenticated by the log's key (written behind the service's "
                    + "back); no checkpoint is signed over it", seq);
        }
    }

    /** The newest checkpoint (largest tree) signed by the current key. */
    public Optional<AuditCheckpoint> latest() {
        List<AuditCheckpoint> newest = query("WHERE key_id = ? ORDER BY tree_size DESC LIMIT 1", key.keyIdHex());
        return newest.stream().findFirst();
    }

    /** Checkpoints by tree size, from the smallest after {@code afterSize} (exclusive). */
    public List<AuditCheckpoint> history(long afterSize, int limit) {
        return query("WHERE tree_size > ? ORDER BY tree_size, key_id LIMIT ?", afterSize, limit);
    }

    /**
     * The checkpoint by the current key of exactly this size, if one was signed. Proofs are mostly asked against the
     * same size many times over, so the last answer is remembered: one found for good (a signed checkpoint never
     * changes), one not found for {@link #UNSIGNED_RECHECK} (a checkpoint of that size may still be signed).
     */
    public Optional<AuditCheckpoint> ofSize(long size) {
        AuditCheckpoint found = lastOfSize;
        if (found != null && found.treeSize() == size && found.keyId().equals(key.keyIdHex())) {
            return Optional.of(found);
        }
        Unsigned unsigned = lastUnsigned;
        long now = System.nanoTime();
        if (unsigned != null && unsigned.size() == size && now - unsigned.checkedAt() < UNSIGNED_RECHECK.toNanos()) {
            return Optional.empty();
        }
        Optional<AuditCheckpoint> signed = query("WHERE key_id = ? AND tree_size = ?", key.keyIdHex(), size).stream()
                .findFirst();
        if (signed.isPresent()) {
            lastOfSize = signed.get();
        } else {
            lastUnsigned = new Unsigned(size, now);
        }
        return signed;
    }

    /** How long a size found without a checkpoint is answered so without asking the database again. */
    static final Duration UNSIGNED_RECHECK = Duration.ofSeconds(1);

    private record Unsigned(long size, long checkedAt) {
    }

    private List<AuditCheckpoint> query(String where, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT tree_size, root_hash, key_id, signed_at, note FROM audit_checkpoint " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<AuditCheckpoint> out = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditCheckpoint(rs.getLong(1), BASE64.encodeToString(rs.getBytes(2)), rs.getString(3),
                            rs.getTimestamp(4).toInstant().atOffset(ZoneOffset.UTC), rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditChainException("could not read the audit log's checkpoints", e);
        }
    }
}
