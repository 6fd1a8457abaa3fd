package dev.kiroku.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.web.TimeOrderedIds;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import dev.kiroku.platform.audit.merkle.CompactRange;
import dev.kiroku.platform.audit.merkle.MerkleTree;
import dev.kiroku.platform.audit.merkle.NodeId;
import dev.kiroku.platform.audit.merkle.Rfc9162;

import dev.kiroku.platform.audit.note.Checkpoint;
import dev.kiroku.platform.audit.note.NoteException;
import dev.kiroku.platform.audit.note.SignedNote;

import java.security.MessageDigest;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The service's audit log, an RFC 9162 Merkle log (it replaced the linear hash chain; the name stays for its callers).
 * {@link #append} writes an entry and the perfect subtrees its leaf completes in the caller's transaction (so a state
 * change and its entry commit or roll back together), one writer at a time (a transaction-scoped advisory lock keeps
 * the leaves in order); {@link #verify} recomputes the tree from the entries.
 */
@ApplicationScoped
public class AuditChain {

    /** The advisory-lock key serialising appends ("Kiroku" in ASCII). */
    private static final long APPEND_LOCK = 0x4b69726f6b75L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final String COLUMNS = "seq, entry_id, recorded_at, actor, action, aggregate_type, aggregate_id, "
            + "reason, content";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;
    private final AuditCheckpoints checkpoints;
    private final AuditEntryMacs macs;

    @Inject
    public AuditChain(AgroalDataSource dataSource, ObjectMapper json, Clock clock, AuditCheckpoints checkpoints,
                      AuditEntryMacs macs) {
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
        this.checkpoints = checkpoints;
        this.macs = macs;
    }

    /** Appends an entry; must run inside the transaction that makes the change it records. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry append(AuditEvent event) {
        return append(event, TimeOrderedIds.next(clock));
    }

    /**
     * Appends an entry under an id chosen beforehand, so that the rows it records can name it before it exists. Call
     * it last in the transaction: the chain's lock is then held only from here to the commit, and writers of the
     * recorded rows do not wait for each other.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry append(AuditEvent event, UUID entryId) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, APPEND_LOCK);
                lock.execute();
            }
            long size = 0;
            try (PreparedStatement head = connection.prepareStatement(
                    "SELECT seq FROM audit_entry ORDER BY seq DESC LIMIT 1");
                 ResultSet rs = head.executeQuery()) {
                if (rs.next()) {
                    size = rs.getLong(1);
                }
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            AuditEntry unhashed = new AuditEntry(size + 1, entryId, now.atOffset(ZoneOffset.UTC),
                    event.actor(), event.action(), event.aggregateType(), event.aggregateId(), event.reason(),
                    AuditHashing.canonical(json, event.content()), size, null);
            byte[] leafHash = Rfc9162.leafHash(AuditHashing.leaf(json, unhashed));
            AuditEntry entry = withLeafHash(unhashed, leafHash);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO audit_entry (" + COLUMNS + ", mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, entry.seq());
                insert.setObject(2, entry.entryId());
                insert.setTimestamp(3, Timestamp.from(now));
                insert.setString(4, entry.actor());
                insert.setString(5, entry.action());
                insert.setString(6, entry.aggregateType());
                insert.setString(7, entry.aggregateId());
                insert.setString(8, entry.reason());
                insert.setString(9, entry.content());
                insert.setBytes(10, macs.mac(entry.seq(), leafHash));
                insert.executeUpdate();
            }
            AuditTreeNodes.insert(connection, completedNodes(connection, size, leafHash));
            return entry;
        } catch (SQLException e) {
            throw new AuditChainException("could not append to the audit log", e);
        }
    }

    /**
     * The perfect subtrees that leaf {@code size} completes: the leaf, then one parent per trailing one bit of
     * {@code size}, each with its left sibling (the stored edge of the tree), read in one query.
     */
    private static List<CompactRange.Node> completedNodes(Connection connection, long size, byte[] leafHash) {
        List<NodeId> siblings = new ArrayList<>();
        for (int level = 0; ((size >> level) & 1) == 1; level++) {
            siblings.add(new NodeId(level, (size >> level) - 1));
        }
        Map<NodeId, byte[]> stored = siblings.isEmpty() ? Map.of() : AuditTreeNodes.read(connection, siblings);
        List<CompactRange.Node> nodes = new ArrayList<>(siblings.size() + 1);
        NodeId id = new NodeId(0, size);
        byte[] hash = leafHash;
        nodes.add(new CompactRange.Node(id, hash));
        for (NodeId sibling : siblings) {
            byte[] left = stored.get(sibling);
            if (left == null) {
                throw new AuditChainException("the audit log's tree lacks node " + sibling + " of its edge", null);
            }
            hash = Rfc9162.nodeHash(left, hash);
            id = new NodeId(id.level() + 1, id.index() >> 1);
            nodes.add(new CompactRange.Node(id, hash));
        }
        return nodes;
    }

    /** The entry with this id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Optional<AuditEntry> entry(UUID entryId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM audit_entry WHERE entry_id = ?")) {
            query.setObject(1, entryId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? java.util.Optional.of(read(rs)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new AuditChainException("could not read the audit chain", e);
        }
    }

    /** Entries in chain order after {@code afterSeq}, optionally of one aggregate type and id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> entries(String aggregateType, String aggregateId, long afterSeq, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_entry WHERE seq > ?");
        List<Object> parameters = new ArrayList<>(List.of(afterSeq));
        if (aggregateType != null) {
            sql.append(" AND aggregate_type = ?");
            parameters.add(aggregateType);
        }
        if (aggregateId != null) {
            sql.append(" AND aggregate_id = ?");
            parameters.add(aggregateId);
        }
        sql.append(" ORDER BY seq LIMIT ?");
        parameters.add(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    entries.add(read(rs));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new AuditChainException("could not read the audit chain", e);
        }
    }

    /**
     * Recomputes the whole log in one streaming pass and names the first entry that does not hold: a gap in the
     * sequence, a leaf that is missing from the tree, an entry whose content no longer hashes to its leaf, or an entry
     * that no signed checkpoint covers yet and that the service did not write (its MAC, {@link AuditEntryMacs}, is
     * missing or wrong: inserted behind the service's back, with or without its nodes); then
     * checks that the stored tree's root is the root recomputed from the entries (a changed interior node is caught),
     * and that the entries hash to the root of the latest signed checkpoint at its size, under the log's key: removing
     * entries, or changing one and rehashing everything after it, cannot be hidden from a key the database does not
     * hold.
     */
    @Transactional
    public AuditVerification verify() {
        Optional<AuditCheckpoint> latest = checkpoints.latest();
        Checkpoint signed = null;
        if (latest.isPresent()) {
            try {
                signed = SignedNote.openCheckpoint(latest.get().note(), checkpoints.verifier(), checkpoints.origin());
            } catch (NoteException e) {
                return AuditVerification.broken(0, -1, null, null,
                        "the latest checkpoint does not verify under the log's key: " + e.getMessage(), clock.instant());
            }
        }
        byte[] signedSizeRoot = signed != null && signed.size() == 0 ? Rfc9162.emptyRoot() : null;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT " + COLUMNS + ", e.mac, n.hash FROM audit_entry e LEFT JOIN audit_tree_node n "
                             + "ON n.level = 0 AND n.idx = e.seq - 1 ORDER BY e.seq")) {
            query.setFetchSize(1000);
            CompactRange tree = new CompactRange();
            long treeSize = treeSize(connection);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    AuditEntry entry = read(rs);
                    byte[] stored = rs.getBytes("hash");
                    long expectedSeq = tree.size() + 1;
                    String problem = null;
                    byte[] leafHash = Rfc9162.leafHash(AuditHashing.leaf(json, entry));
                    if (entry.seq() != expectedSeq) {
                        problem = "sequence gap: expected entry " + expectedSeq;
                    } else if (stored == null) {
                        problem = "the entry has no leaf in the log's tree";
                    } else if (!MessageDigest.isEqual(stored, leafHash)) {
                        problem = "the entry does not match its leaf in the log (changed after it was logged)";
                    } else if ((signed == null || entry.seq() > signed.size())
                            && !macs.authenticates(entry.seq(), leafHash, rs.getBytes("mac"))) {
                        problem = "the entry is not authenticated by the log's key and no signed checkpoint covers "
                                + "it: it was inserted behind the service's back";
                    }
                    if (problem != null) {
                        return AuditVerification.broken(tree.size(), treeSize, entry.seq(), entry.entryId(), problem,
                                clock.instant());
                    }
                    tree.append(leafHash);
                    if (signed != null && tree.size() == signed.size()) {
                        signedSizeRoot = tree.root();
                    }
                }
            }
            if (signed != null) {
                if (signedSizeRoot == null) {
                    return AuditVerification.broken(tree.size(), treeSize, null, null, "the log holds " + tree.size()
                            + " entries but its signed checkpoint covers " + signed.size()
                            + ": entries were removed", clock.instant());
                }
                if (!MessageDigest.isEqual(signedSizeRoot, signed.rootHash())) {
                    return AuditVerification.broken(tree.size(), treeSize, null, null, "the first " + signed.size()
                            + " entries do not hash to the root signed in the checkpoint of that size: the log was "
                            + "rewritten", clock.instant());
                }
            }
            if (tree.size() != treeSize) {
                return AuditVerification.broken(tree.size(), treeSize, tree.size() + 1, null,
                        "the log's tree holds " + treeSize + " leaves but there are " + tree.size() + " entries",
                        clock.instant());
            }
            byte[] root = tree.root();
            byte[] storedRoot;
            try {
                storedRoot = new MerkleTree(AuditTreeNodes.reader(connection)).rootHash(treeSize);
            } catch (MerkleTree.MissingNodeException e) {
                storedRoot = null;
            }
            if (storedRoot == null || !MessageDigest.isEqual(root, storedRoot)) {
                return AuditVerification.broken(tree.size(), treeSize, null, null,
                        "the stored tree's root is not the root recomputed from the entries", clock.instant());
            }
            return AuditVerification.intact(tree.size(), BASE64.encodeToString(root),
                    signed == null ? null : signed.size(), clock.instant());
        } catch (SQLException e) {
            throw new AuditChainException("could not verify the audit log", e);
        }
    }

    /** How many leaves the stored tree holds (committed). */
    static long treeSize(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT idx + 1 FROM audit_tree_node WHERE level = 0 ORDER BY idx DESC LIMIT 1");
             ResultSet rs = query.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * A salted commitment to a personal value (e.g. a subject identifier): HMAC-SHA256 keyed by the salt. The chain
     * stores only the commitment; the salt stays with the record, so purging the record's salt and personal data
     * leaves the chain verifiable but no longer linkable to the person.
     */
    public static String commitment(String salt, String value) {
        return AuditHashing.hmacSha256(HexFormat.of().parseHex(salt), value);
    }

    /** A fresh random salt (256 bits, hex) for {@link #commitment}. */
    public static String newSalt() {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    private AuditEntry read(ResultSet rs) throws SQLException {
        AuditEntry entry = new AuditEntry(rs.getLong("seq"), rs.getObject("entry_id", UUID.class),
                rs.getObject("recorded_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                rs.getString("actor"), rs.getString("action"), rs.getString("aggregate_type"),
                rs.getString("aggregate_id"), rs.getString("reason"), rs.getString("content"),
                rs.getLong("seq") - 1, null);
        return withLeafHash(entry, Rfc9162.leafHash(AuditHashing.leaf(json, entry)));
    }

    private static AuditEntry withLeafHash(AuditEntry e, byte[] leafHash) {
        return new AuditEntry(e.seq(), e.entryId(), e.recordedAt(), e.actor(), e.action(), e.aggregateType(),
                e.aggregateId(), e.reason(), e.content(), e.leafIndex(), BASE64.encodeToString(leafHash));
    }
}
