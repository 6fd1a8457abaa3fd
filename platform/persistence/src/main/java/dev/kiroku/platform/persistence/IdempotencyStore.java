package dev.kiroku.platform.persistence;

import dev.kiroku.platform.web.Idempotency;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one {@code Idempotency-Key} mechanism of the suite, used by every create of every service (the HTTP side —
 * header, problems, {@code Idempotent-Replayed} — is {@link Idempotency}).
 *
 * <p>A create claims its key by inserting a row of {@value #TABLE} ({@code PRIMARY KEY (client_id, operation,
 * idem_key)}, each service's Flyway migration creates the table) in the create's own transaction, with
 * {@code INSERT … ON CONFLICT DO NOTHING}: the database's unique constraint decides, never a check-then-insert.
 * <ul>
 * <li>the row is new: this request is the first; it creates its resource and stores the resource id beside the key,
 * both committed together (or neither);</li>
 * <li>the row exists (committed): its fingerprint equal → the first resource is answered again (replayed); another
 * fingerprint → {@link Idempotency.KeyReused} (422), nothing written;</li>
 * <li>the row is being inserted by a concurrent transaction: PostgreSQL makes this insert wait for it; when it
 * commits this request is a replay, when it rolls back this request is the first. A wait longer than
 * {@link #WAIT} is {@link Idempotency.InProgress} (409 with {@code Retry-After}).</li>
 * </ul>
 * A create without a key is not deduplicated.
 */
@ApplicationScoped
public class IdempotencyStore {

    public static final String TABLE = "idempotency_key";
    /** How long a request waits for a concurrent one with the same key before it is answered "in progress". */
    public static final Duration WAIT = Duration.ofSeconds(10);
    /** The fingerprint of a forgotten request ({@link #forget}): no hash, so no request ever matches it. */
    public static final String FORGOTTEN = "purged";

    private final AgroalDataSource dataSource;
    private final Clock clock;

    public IdempotencyStore(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * A create's identity for idempotency.
     *
     * @param clientId    the calling client the key is scoped to ({@link Idempotency#clientOf})
     * @param operation   what is created where, e.g. {@code POST /api/v1/incidents/{id}/reports} with the id filled in
     * @param key         the {@code Idempotency-Key} (already checked by {@link Idempotency#key}); null: no key
     * @param fingerprint the request as the service understood it ({@link Idempotency#fingerprint})
     */
    public record Request(String clientId, String operation, String key, String fingerprint) {

        public Request {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /** The answer of a create: the resource, and whether it repeats the first answer of a retried request. */
    public record Outcome<T>(T value, boolean replayed) {
    }

    /**
     * Runs {@code create} once per client, operation and key, in the caller's transaction (which must exist).
     *
     * @param create creates the resource (in the caller's transaction)
     * @param idOf   the id of a created resource, stored with the key
     * @param replay reads the resource created first, by that id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> Outcome<T> once(Request request, Supplier<T> create, Function<T, String> idOf,
            Function<String, T> replay) {
        if (request.key() == null) {
            return new Outcome<>(create.get(), false);
        }
        try (Connection connection = dataSource.getConnection()) {
            return once(connection, request, clock, WAIT, create, idOf, replay);
        } catch (SQLException e) {
            throw new IllegalStateException("the idempotency key table could not be used", e);
        }
    }

    /**
     * Forgets the fingerprints of the requests that created these resources, in the caller's transaction (which must
     * exist): a fingerprint is a plain SHA-256 of the request, personal data included, so once the resource's own
     * personal data is gone (a retention purge) it would still let anyone who guesses that data confirm the guess.
     * The fingerprint becomes {@value #FORGOTTEN}; a retry with such a key is then refused as a reused key (422),
     * never answered with a new resource. Answers how many keys were forgotten.
     *
     * @param operationPrefix the operations concerned (their {@link Request#operation()} starts with it)
     * @param resourceIds     the resources whose requests are forgotten
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forget(String operationPrefix, Collection<String> resourceIds) {
        if (resourceIds.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE " + TABLE + " SET request_sha256 = ? WHERE resource_id = ANY (?) AND operation LIKE ? "
                        + "AND request_sha256 <> ?")) {
            update.setString(1, FORGOTTEN);
            update.setArray(2, connection.createArrayOf("text", resourceIds.toArray()));
            update.setString(3, operationPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            update.setString(4, FORGOTTEN);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the idempotency key table could not be used", e);
        }
    }

    /** The mechanism on one connection inside an open transaction (what {@link #once} runs; tests call it too). */
    static <T> Outcome<T> once(Connection connection, Request request, Clock clock, Duration wait,
            Supplier<T> create, Function<T, String> idOf, Function<String, T> replay) throws SQLException {
        if (claim(connection, request, clock, wait)) {
            T value = create.get();
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE
                    + " SET resource_id = ? WHERE client_id = ? AND operation = ? AND idem_key = ?")) {
                update.setString(1, idOf.apply(value));
                update.setString(2, request.clientId());
                update.setString(3, request.operation());
                update.setString(4, request.key());
                update.executeUpdate();
            }
            return new Outcome<>(value, false);
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT request_sha256, resource_id FROM "
                + TABLE + " WHERE client_id = ? AND operation = ? AND idem_key = ?")) {
            select.setString(1, request.clientId());
            select.setString(2, request.operation());
            select.setString(3, request.key());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    // the conflicting row went away between the insert and this read: only a rollback does that
                    throw new Idempotency.InProgress(request.key());
                }
                if (!rs.getString(1).equals(request.fingerprint())) {
                    throw Idempotency.reused(request.key());
                }
                return new Outcome<>(replay.apply(rs.getString(2)), true);
            }
        }
    }

    /** True when this request inserted the key (it is the first); false when a committed row holds it. */
    private static boolean claim(Connection connection, Request request, Clock clock, Duration wait)
            throws SQLException {
        String previous;
        try (PreparedStatement set = connection.prepareStatement(
                "SELECT current_setting('lock_timeout'), set_config('lock_timeout', ?, true)")) {
            set.setString(1, wait.toMillis() + "ms");
            try (ResultSet rs = set.executeQuery()) {
                rs.next();
                previous = rs.getString(1);
            }
        }
        int inserted;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                + " (client_id, operation, idem_key, request_sha256, created_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            insert.setString(1, request.clientId());
            insert.setString(2, request.operation());
            insert.setString(3, request.key());
            insert.setString(4, request.fingerprint());
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            inserted = insert.executeUpdate();
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw new Idempotency.InProgress(request.key());
            }
            throw e;
        }
        try (PreparedStatement reset = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            reset.setString(1, previous);
            reset.executeQuery().close();
        }
        return inserted == 1;
    }
}
