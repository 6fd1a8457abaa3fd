package dev.kiroku.provisionrecords.retention.repository;

import dev.kiroku.provisionrecords.common.RecordStoreException;
import dev.kiroku.provisionrecords.retention.PurgeRun;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The log of retention purges. */
@ApplicationScoped
public class PurgeRunRepository {

    private final AgroalDataSource dataSource;

    public PurgeRunRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(PurgeRun run) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO purge_run (id, started_at, finished_at, as_of, triggered_by, purged_count, audit_seq) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, run.id());
            s.setObject(2, run.startedAt());
            s.setObject(3, run.finishedAt());
            s.setObject(4, run.asOf());
            s.setString(5, run.triggeredBy());
            s.setInt(6, run.purgedCount());
            s.setObject(7, run.auditSeq());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }

    /** Runs, newest first, before the cursor. */
    public List<PurgeRun> listBefore(UUID before, int limit) {
        String sql = "SELECT id, started_at, finished_at, as_of, triggered_by, purged_count, audit_seq FROM purge_run"
                + (before == null ? "" : " WHERE id < ?") + " ORDER BY id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 0;
            if (before != null) {
                s.setObject(++i, before);
            }
            s.setInt(++i, limit);
            List<PurgeRun> runs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong("audit_seq");
                    runs.add(new PurgeRun(rs.getObject("id", UUID.class),
                            rs.getObject("started_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                            rs.getObject("finished_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                            rs.getObject("as_of", LocalDate.class), rs.getString("triggered_by"),
                            rs.getInt("purged_count"), rs.wasNull() ? null : seq));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }

    /** Whether the purge lock could be taken in the current transaction (one purge at a time across replicas). */
    public boolean tryPurgeLock() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            s.setLong(1, 0x5075726765L); // "Purge"
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new RecordStoreException(e);
        }
    }
}
