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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The service's tamper-evident audit chain. {@link #append} writes in the caller's transaction (so a state change and
 * its entry commit or roll back together), one writer at a time (a transaction-scoped advisory lock keeps the chain
 * linear); {@link #verify} recomputes every hash.
 */
@ApplicationScoped
public class AuditChain {

    /** The advisory-lock key serialising appends ("Kiroku" in ASCII). */
    private static final long APPEND_LOCK = 0x4b69726f6b75L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "seq, entry_id, recorded_at, actor, action, aggregate_type, aggregate_id, "
            + "reason, content, previous_hash, entry_hash";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public AuditChain(AgroalDataSource dataSource, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
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
            long seq = 1;
            String previous = AuditHashing.GENESIS;
            try (PreparedStatement head = connection.prepareStatement(
                    "SELECT seq, entry_hash FROM audit_entry ORDER BY seq DESC LIMIT 1");
                 ResultSet rs = head.executeQuery()) {
                if (rs.next()) {
                    seq = rs.getLong(1) + 1;
                    previous = rs.getString(2);
                }
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            AuditEntry unsigned = new AuditEntry(seq, entryId, now.atOffset(ZoneOffset.UTC),
                    event.actor(), event.action(), event.aggregateType(), event.aggregateId(), event.reason(),
                    AuditHashing.canonical(json, event.content()), previous, null);
            AuditEntry entry = withHash(unsigned, AuditHashing.entryHash(json, unsigned));
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO audit_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, entry.seq());
                insert.setObject(2, entry.entryId());
                insert.setTimestamp(3, Timestamp.from(now));
                insert.setString(4, entry.actor());
                insert.setString(5, entry.action());
                insert.setString(6, entry.aggregateType());
                insert.setString(7, entry.aggregateId());
                insert.setString(8, entry.reason());
                insert.setString(9, entry.content());
                insert.setString(10, entry.previousHash());
                insert.setString(11, entry.entryHash());
                insert.executeUpdate();
            }
            return entry;
        } catch (SQLException e) {
            throw new AuditChainException("could not append to the audit chain", e);
        }
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
     * Recomputes the whole chain in order, streaming it, and names the first entry that does not hold: a gap in the
     * sequence, a previous hash that is not its predecessor's hash, or a hash that does not match the entry's content.
     */
    @Transactional
    public AuditVerification verify() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM audit_entry ORDER BY seq")) {
            query.setFetchSize(1000);
            long expectedSeq = 1;
            String previous = AuditHashing.GENESIS;
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    AuditEntry entry = read(rs);
                    String problem = null;
                    if (entry.seq() != expectedSeq) {
                        problem = "sequence gap: expected entry " + expectedSeq;
                    } else if (!entry.previousHash().equals(previous)) {
                        problem = "previous hash is not the hash of entry " + (expectedSeq - 1);
                    } else if (!AuditHashing.entryHash(json, entry).equals(entry.entryHash())) {
                        problem = "entry hash does not match the entry's content";
                    }
                    if (problem != null) {
                        return AuditVerification.broken(expectedSeq - 1, entry, problem, clock.instant());
                    }
                    previous = entry.entryHash();
                    expectedSeq++;
                }
            }
            return AuditVerification.intact(expectedSeq - 1, previous, clock.instant());
        } catch (SQLException e) {
            throw new AuditChainException("could not verify the audit chain", e);
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

    private static AuditEntry read(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getObject("entry_id", UUID.class),
                rs.getObject("recorded_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                rs.getString("actor"), rs.getString("action"), rs.getString("aggregate_type"),
                rs.getString("aggregate_id"), rs.getString("reason"), rs.getString("content"),
                rs.getString("previous_hash"), rs.getString("entry_hash"));
    }

    private static AuditEntry withHash(AuditEntry e, String hash) {
        return new AuditEntry(e.seq(), e.entryId(), e.recordedAt(), e.actor(), e.action(), e.aggregateType(),
                e.aggregateId(), e.reason(), e.content(), e.previousHash(), hash);
    }
}
