package dev.kiroku.platform.audit.witness;

import dev.kiroku.platform.audit.AuditChainException;
import dev.kiroku.platform.audit.AuditCheckpoint;
import dev.kiroku.platform.audit.AuditCheckpoints;
import dev.kiroku.platform.audit.AuditTreeNodes;
import dev.kiroku.platform.audit.merkle.MerkleTree;
import dev.kiroku.platform.audit.note.Checkpoint;
import dev.kiroku.platform.audit.note.Cosignature;
import dev.kiroku.platform.audit.note.NoteException;
import dev.kiroku.platform.audit.note.NoteKey;
import dev.kiroku.platform.audit.note.SignedNote;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Submits the log's latest signed checkpoint to each configured witness ({@code kiroku.audit.witness.submit-to}) every
 * {@code kiroku.audit.witness.submit-interval} (1 s), C2SP tlog-witness add-checkpoint: the old size is the largest
 * the witness cosigned that this log kept, the consistency proof comes from the log's own tree. A cosignature is
 * verified under the witness's key before it is kept ({@code audit_cosignature}). A 409 is answered by resubmitting
 * from the witness's size, unless that size is larger than the log's: then the log was rolled back. A 422 means the
 * log's tree is not the one the witness cosigned: rewritten or forked. Both are reported as {@link Outcome#broken}
 * (an ERROR in the log, the verification's result); a witness that cannot be reached is only unavailable.
 */
@ApplicationScoped
public class WitnessSubmitter {

    private static final Logger LOG = Logger.getLogger(WitnessSubmitter.class);
    private static final Pattern SIZE = Pattern.compile("(0|[1-9][0-9]{0,18})\n");

    /** A witness this log submits to. */
    record Target(URI url, NoteKey key) {
    }

    /** What one submission to one witness showed. */
    public record Outcome(String witness, State state, long treeSize, String message) {

        public enum State { COSIGNED, BROKEN, UNAVAILABLE }

        static Outcome cosigned(String witness, long size) {
            return new Outcome(witness, State.COSIGNED, size, "cosigned the checkpoint of size " + size);
        }

        static Outcome broken(String witness, long size, String message) {
            return new Outcome(witness, State.BROKEN, size, message);
        }

        static Outcome unavailable(String witness, long size, String message) {
            return new Outcome(witness, State.UNAVAILABLE, size, message);
        }

        public boolean isBroken() {
            return state == State.BROKEN;
        }
    }

    private final AgroalDataSource dataSource;
    private final AuditCheckpoints checkpoints;
    private final WitnessTokens tokens;
    private final List<Target> targets = new ArrayList<>();
    private final Duration timeout;
    private final HttpClient http;
    private final Map<String, Outcome> latest = new ConcurrentHashMap<>();

    public WitnessSubmitter(AgroalDataSource dataSource, AuditCheckpoints checkpoints, WitnessTokens tokens,
                            WitnessConfig config) {
        this.dataSource = dataSource;
        this.checkpoints = checkpoints;
        this.tokens = tokens;
        this.timeout = config.witness().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        for (WitnessConfig.Target target : config.witness().submitTo().orElse(List.of())) {
            NoteKey key;
            try {
                key = NoteKey.cosignatureVerifier(target.verifierKey());
            } catch (NoteException e) {
                throw new IllegalStateException("kiroku.audit.witness.submit-to: " + target.url() + " has no "
                        + "cosignature/v1 verifier key: " + e.getMessage());
            }
            targets.add(new Target(target.url(), key));
        }
    }

    /** Whether any witness is configured. */
    public boolean enabled() {
        return !targets.isEmpty();
    }

    /** The latest outcome per witness name (also for what the periodic job saw). */
    public Map<String, Outcome> latestOutcomes() {
        return Map.copyOf(latest);
    }

    @Scheduled(identity = "kiroku-audit-witness-submission",
            every = "${kiroku.audit.witness.submit-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (targets.isEmpty()) {
            return;
        }
        Optional<String> token;
        try {
            token = tokens.token();
        } catch (IOException e) {
            LOG.warnf("audit witnesses: no token for the submission: %s", e.getMessage());
            return;
        }
        for (Outcome outcome : submitAll(token.orElse(null), false)) {
            if (outcome.isBroken()) {
                LOG.errorf("audit log witnessing: BROKEN: %s", outcome.message());
            }
        }
    }

    /**
     * Submits the latest checkpoint to every witness with this bearer token (none when null). Unless {@code always},
     * a witness that already cosigned that size is not asked again.
     */
    public List<Outcome> submitAll(String bearer, boolean always) {
        Optional<AuditCheckpoint> newest = checkpoints.latest();
        if (newest.isEmpty()) {
            return List.of();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Target target : targets) {
            Outcome outcome = submit(target, newest.get(), bearer, always);
            latest.put(target.key().name(), outcome);
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** The latest checkpoint note of this log that verified under the log's own key, and what it says. */
    private record Opened(String note, Checkpoint checkpoint) {
    }

    private volatile Opened lastOpened;

    /**
     * The log's checkpoint in this signed note, verified under the log's own key once per note: a round submits the
     * same note to every witness, and an idle log submits the same note every round, so the Ed25519 verification
     * runs once per new checkpoint rather than once per witness and second. A note whose text differs in any byte
     * (a new checkpoint, or a stored one altered) is verified again.
     */
    private Checkpoint opened(String note) throws NoteException {
        Opened last = lastOpened;
        if (last != null && last.note().equals(note)) {
            return last.checkpoint();
        }
        Checkpoint checkpoint = SignedNote.openCheckpoint(note, checkpoints.verifier(), checkpoints.origin());
        lastOpened = new Opened(note, checkpoint);
        return checkpoint;
    }

    private Outcome submit(Target target, AuditCheckpoint newest, String bearer, boolean always) {
        String witness = target.key().name();
        Checkpoint checkpoint;
        try {
            checkpoint = opened(newest.note());
        } catch (NoteException e) {
            return Outcome.broken(witness, newest.treeSize(), "the log's latest checkpoint does not verify under its "
                    + "own key: " + e.getMessage());
        }
        long size = checkpoint.size();
        long cosigned = cosignedSize(target.key());
        if (cosigned > size) {
            return Outcome.broken(witness, size, "witness " + witness + " cosigned a tree of " + cosigned
                    + " leaves of this log, but its latest checkpoint covers only " + size
                    + ": the log was rolled back");
        }
        if (cosigned == size && !always) {
            return Outcome.cosigned(witness, size);
        }
        long old = Math.max(cosigned, 0);
        for (int attempt = 0; attempt < 3; attempt++) {
            HttpResponse<String> response;
            try {
                String body = Witness.requestBody(old, proof(old, size), newest.note());
                HttpRequest.Builder request = HttpRequest.newBuilder(target.url()).timeout(timeout)
                        .header("Content-Type", "text/plain; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
                if (bearer != null) {
                    request.header("Authorization", "Bearer " + bearer);
                }
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return Outcome.unavailable(witness, size, "witness " + witness + " at " + target.url()
                        + " could not be reached: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.unavailable(witness, size, "interrupted");
            }
            switch (response.statusCode()) {
                case 200 -> {
                    return keep(target, checkpoint, response.body());
                }
                case 409 -> {
                    var known = SIZE.matcher(response.body());
                    if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/x.tlog.size")
                            || !known.matches()) {
                        return Outcome.unavailable(witness, size, "witness " + witness
                                + " answered 409 without its tree size");
                    }
                    long theirs = Long.parseLong(known.group(1));
                    if (theirs > size) {
                        return Outcome.broken(witness, size, "witness " + witness + " cosigned a tree of " + theirs
                                + " leaves of this log, but its latest checkpoint covers only " + size
                                + ": the log was rolled back");
                    }
                    old = theirs;
                }
                case 422 -> {
                    return Outcome.broken(witness, size, "witness " + witness + " refuses the checkpoint of size "
                            + size + " from its size " + old + ": the log's tree is not consistent with the tree the "
                            + "witness cosigned (rewritten or forked): " + detail(response.body()));
                }
                default -> {
                    return Outcome.unavailable(witness, size, "witness " + witness + " answered "
                            + response.statusCode() + ": " + detail(response.body()));
                }
            }
        }
        return Outcome.unavailable(witness, size, "witness " + witness + " kept answering 409");
    }

    /** The consistency proof of the log's own tree from {@code old} to {@code size} leaves. */
    private List<byte[]> proof(long old, long size) {
        if (old == 0 || old == size) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            return new MerkleTree(AuditTreeNodes.reader(connection)).consistencyProof(old, size);
        } catch (SQLException e) {
            throw new AuditChainException("could not read the audit log's tree", e);
        }
    }

    private Outcome keep(Target target, Checkpoint checkpoint, String body) {
        String witness = target.key().name();
        List<Cosignature> verified = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                verified.add(Cosignature.verify(line, checkpoint, target.key()));
            } catch (NoteException e) {
                // another key's line: the witness may cosign with several; only the configured one counts
            }
        }
        if (verified.isEmpty()) {
            return Outcome.unavailable(witness, checkpoint.size(), "witness " + witness + " answered 200 without a "
                    + "cosignature that verifies under its configured key");
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_cosignature (witness, key_id, "
                     + "tree_size, root_hash, line, cosigned_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            Cosignature cosignature = verified.get(0);
            insert.setString(1, witness);
            insert.setString(2, target.key().keyIdHex());
            insert.setLong(3, checkpoint.size());
            insert.setBytes(4, checkpoint.rootHash());
            insert.setString(5, cosignature.line());
            insert.setTimestamp(6, Timestamp.from(Instant.ofEpochSecond(cosignature.time())));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new AuditChainException("could not keep a cosignature of the audit log", e);
        }
        return Outcome.cosigned(witness, checkpoint.size());
    }

    /** The largest tree size this witness's key cosigned, as kept here; -1 when none. */
    private long cosignedSize(NoteKey witness) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT max(tree_size) FROM audit_cosignature "
                     + "WHERE witness = ? AND key_id = ?")) {
            query.setString(1, witness.name());
            query.setString(2, witness.keyIdHex());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                long size = rs.getLong(1);
                return rs.wasNull() ? -1 : size;
            }
        } catch (SQLException e) {
            throw new AuditChainException("could not read the audit log's cosignatures", e);
        }
    }

    /**
     * The cosignature lines this log keeps for a checkpoint of its own (its size and root), each verified under its
     * configured witness's key, in the configured order: appended to the checkpoint's signed note they make it the
     * cosigned checkpoint (C2SP tlog-cosignature: a witness's cosignature is one more signature line of the note).
     */
    public String cosignatures(Checkpoint checkpoint) {
        StringBuilder lines = new StringBuilder();
        for (Target target : targets) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement query = connection.prepareStatement("SELECT line FROM audit_cosignature "
                         + "WHERE witness = ? AND key_id = ? AND tree_size = ? AND root_hash = ?")) {
                query.setString(1, target.key().name());
                query.setString(2, target.key().keyIdHex());
                query.setLong(3, checkpoint.size());
                query.setBytes(4, checkpoint.rootHash());
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        lines.append(Cosignature.verify(rs.getString(1), checkpoint, target.key()).line());
                    }
                }
            } catch (NoteException e) {
                LOG.errorf("audit log witnessing: the cosignature kept for size %d by witness %s does not verify: %s",
                        checkpoint.size(), target.key().name(), e.getMessage());
            } catch (SQLException e) {
                throw new AuditChainException("could not read the audit log's cosignatures", e);
            }
        }
        return lines.toString();
    }

    /** The configured witnesses' keys, by name. */
    List<NoteKey> witnessKeys() {
        return targets.stream().map(Target::key).toList();
    }

    private static String detail(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

}
