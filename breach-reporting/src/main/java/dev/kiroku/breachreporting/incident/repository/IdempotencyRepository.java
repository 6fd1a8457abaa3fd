package dev.kiroku.breachreporting.incident.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Idempotency keys of incident creates: the key, the SHA-256 of the request, and the incident it created. */
@ApplicationScoped
public class IdempotencyRepository {

    /** What a key was first used for. */
    public record Use(String requestSha256, UUID incidentId) {
    }

    private final AgroalDataSource dataSource;

    public IdempotencyRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Use> find(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))");
             PreparedStatement q = c.prepareStatement(
                     "SELECT request_sha256, incident_id FROM incident_idempotency WHERE idempotency_key = ?")) {
            lock.setString(1, "incident-idempotency:" + key);
            lock.execute();
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new Use(rs.getString(1), rs.getObject(2, UUID.class)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read an idempotency key", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(String key, String requestSha256, UUID incidentId, String actor, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO incident_idempotency (idempotency_key, "
                     + "request_sha256, incident_id, created_by, created_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, requestSha256);
            insert.setObject(3, incidentId);
            insert.setString(4, actor);
            insert.setTimestamp(5, Timestamp.from(now));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store an idempotency key", e);
        }
    }
}
