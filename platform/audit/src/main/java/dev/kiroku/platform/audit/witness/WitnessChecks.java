package dev.kiroku.platform.audit.witness;

import dev.kiroku.platform.audit.AuditChainException;
import dev.kiroku.platform.audit.AuditCheckpoints;
import dev.kiroku.platform.audit.AuditVerification;
import dev.kiroku.platform.audit.merkle.CompactRange;
import dev.kiroku.platform.audit.note.Checkpoint;
import dev.kiroku.platform.audit.note.Cosignature;
import dev.kiroku.platform.audit.note.NoteException;
import dev.kiroku.platform.audit.note.NoteKey;
import dev.kiroku.platform.audit.note.SignedNote;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What verification asks of parties that are not the log, after the log itself held ({@code AuditChain.verify}):
 * <ol>
 *   <li>the latest cosigned checkpoint kept here: its cosignature verifies under the witness's configured key and the
 *       log's leaves still hash to its root at its size (entries removed or rewritten below a cosigned size);</li>
 *   <li>the outside sink's latest checkpoint ({@link CheckpointSink}): signed by the log's key, and the log's leaves
 *       hash to its root at its size (a rollback or rewrite that also removed the database's checkpoints);</li>
 *   <li>every configured witness, asked now ({@link WitnessSubmitter}, the latest checkpoint from the size the witness
 *       holds): a witness that holds a larger tree (rollback) or refuses the proof (rewritten or forked log).</li>
 * </ol>
 * Every one that does not hold is in the verification's problem, naming the party and what broke.
 */
@ApplicationScoped
public class WitnessChecks {

    private final AgroalDataSource dataSource;
    private final AuditCheckpoints checkpoints;
    private final WitnessSubmitter submitter;
    private final WitnessTokens tokens;
    private final CheckpointSink sink;
    private final Clock clock;

    public WitnessChecks(AgroalDataSource dataSource, AuditCheckpoints checkpoints, WitnessSubmitter submitter,
                         WitnessTokens tokens, CheckpointSink sink, Clock clock) {
        this.dataSource = dataSource;
        this.checkpoints = checkpoints;
        this.submitter = submitter;
        this.tokens = tokens;
        this.sink = sink;
        this.clock = clock;
    }

    /** A claim by another party (a witness, by name, or the sink: null) that the log had this root at this size. */
    record Claim(String party, String witness, Checkpoint checkpoint) {
    }

    /**
     * Checks an intact verification against the witnesses and the sink; answers it with the sizes of the latest
     * cosigned checkpoint and the sink's latest checkpoint it was checked against (and the witnesses that cosigned),
     * or what broke, by whom.
     */
    public AuditVerification check(AuditVerification intact) {
        List<Claim> claims = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        cosigned(claims, problems);
        sunk(claims, problems);
        against(claims, intact.treeSize(), problems);
        if (submitter.enabled()) {
            String bearer;
            try {
                bearer = tokens.token().orElse(null);
            } catch (IOException e) {
                bearer = null;
            }
            submitter.submitAll(bearer, true).stream().filter(WitnessSubmitter.Outcome::isBroken)
                    .map(WitnessSubmitter.Outcome::message).forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            return broken(intact, String.join("; ", problems));
        }
        Long cosignedSize = claims.stream().filter(c -> c.witness() != null).map(c -> c.checkpoint().size())
                .max(Long::compare).orElse(null);
        List<String> cosignedBy = cosignedSize == null ? null : claims.stream()
                .filter(c -> c.witness() != null && c.checkpoint().size() == cosignedSize).map(Claim::witness)
                .sorted().toList();
        Long sinkSize = claims.stream().filter(c -> c.witness() == null).map(c -> c.checkpoint().size()).findFirst()
                .orElse(null);
        return intact.witnessed(cosignedSize, cosignedBy, sinkSize);
    }

    /** The latest cosignature kept, checked under its witness's configured key. */
    private void cosigned(List<Claim> claims, List<String> problems) {
        for (NoteKey witness : submitter.witnessKeys()) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement query = connection.prepareStatement("SELECT tree_size, root_hash, line FROM "
                         + "audit_cosignature WHERE witness = ? AND key_id = ? ORDER BY tree_size DESC LIMIT 1")) {
                query.setString(1, witness.name());
                query.setString(2, witness.keyIdHex());
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        Checkpoint checkpoint = new Checkpoint(checkpoints.origin(), rs.getLong(1), rs.getBytes(2));
                        try {
                            Cosignature.verify(rs.getString(3), checkpoint, witness);
                            claims.add(new Claim("witness " + witness.name(), witness.name(), checkpoint));
                        } catch (NoteException e) {
                            problems.add("the cosignature kept for size " + checkpoint.size() + " by witness "
                                    + witness.name() + " does not verify: " + e.getMessage());
                        }
                    }
                }
            } catch (SQLException e) {
                throw new AuditChainException("could not read the audit log's cosignatures", e);
            }
        }
    }

    /** The sink's latest checkpoint, checked under the log's key. */
    private void sunk(List<Claim> claims, List<String> problems) {
        Optional<CheckpointSink.Entry> latest;
        try {
            latest = sink.latest();
        } catch (IOException | RuntimeException e) {
            problems.add("the outside sink " + sink.file().orElse(null) + " cannot be read: " + e.getMessage());
            return;
        }
        if (latest.isEmpty()) {
            return;
        }
        try {
            claims.add(new Claim("the outside sink " + sink.file().orElseThrow(), null, SignedNote.openCheckpoint(
                    latest.get().note(), checkpoints.verifier(), checkpoints.origin())));
        } catch (NoteException e) {
            problems.add("the outside sink's latest checkpoint does not verify under the log's key: "
                    + e.getMessage());
        }
    }

    /** Whether the log's leaves (checked against the entries by the log's own verification) hash to every claim. */
    private void against(List<Claim> claims, long treeSize, List<String> problems) {
        TreeMap<Long, byte[]> roots = new TreeMap<>();
        List<Claim> reached = new ArrayList<>();
        for (Claim claim : claims) {
            if (claim.checkpoint().size() > treeSize) {
                problems.add(claim.party() + " holds a checkpoint of " + claim.checkpoint().size()
                        + " leaves, the log only " + treeSize + ": entries were removed (rolled back)");
            } else {
                roots.put(claim.checkpoint().size(), null);
                reached.add(claim);
            }
        }
        if (roots.isEmpty()) {
            return;
        }
        if (roots.containsKey(0L)) {
            roots.put(0L, dev.kiroku.platform.audit.merkle.Rfc9162.emptyRoot());
        }
        long needed = roots.lastKey();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT hash FROM audit_tree_node WHERE level = 0 AND idx < ? ORDER BY idx")) {
            query.setLong(1, needed);
            query.setFetchSize(1000);
            CompactRange tree = new CompactRange();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    tree.append(rs.getBytes(1));
                    if (roots.containsKey(tree.size())) {
                        roots.put(tree.size(), tree.root());
                    }
                }
            }
        } catch (SQLException e) {
            throw new AuditChainException("could not read the audit log's tree", e);
        }
        for (Claim claim : reached) {
            byte[] root = roots.get(claim.checkpoint().size());
            if (root == null || !MessageDigest.isEqual(root, claim.checkpoint().rootHash())) {
                problems.add("the log's first " + claim.checkpoint().size() + " entries do not hash to the root "
                        + Base64.getEncoder().encodeToString(claim.checkpoint().rootHash()) + " that "
                        + claim.party() + " holds for that size: the log was rewritten");
            }
        }
    }

    private AuditVerification broken(AuditVerification intact, String problem) {
        return new AuditVerification(false, intact.verifiedEntries(), intact.treeSize(), null, null, null, null,
                problem, clock.instant().atOffset(ZoneOffset.UTC), null, null, null);
    }
}
