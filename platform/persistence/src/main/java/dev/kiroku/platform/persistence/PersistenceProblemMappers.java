package dev.kiroku.platform.persistence;

import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

/**
 * Database failures as problems: the database unreachable or the pool exhausted is a 503 the client may retry;
 * a concurrent update of the same aggregate is a 409; a data exception caused by a value of the request (SQLState
 * class 22: a value too long, a date out of range, an invalid byte sequence) is a 422; anything else is a 500 that
 * names no table and no SQL. Neither the problem nor the log line carries the driver's message (which may quote a
 * row's values): the log names the SQLState, the constraint and the exception types ({@link DatabaseErrors}).
 */
public class PersistenceProblemMappers {

    private static final Logger LOG = Logger.getLogger(PersistenceProblemMappers.class);
    static final String RETRY_AFTER_SECONDS = "5";

    private final ProblemWriter writer;

    public PersistenceProblemMappers(ProblemWriter writer) {
        this.writer = writer;
    }

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, HttpServerRequest request) {
        return answer(classify(e), e, request);
    }

    @ServerExceptionMapper
    public Response connection(SQLTransientConnectionException e, HttpServerRequest request) {
        return answer(Failure.UNAVAILABLE, e, request);
    }

    @ServerExceptionMapper
    public Response sql(SQLException e, HttpServerRequest request) {
        return answer(classify(e), e, request);
    }

    /** What kind of database failure a throwable is, judged by its cause chain. */
    public static Failure classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return Failure.UNAVAILABLE;
            }
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return Failure.CONCURRENT_UPDATE;
            }
        }
        String state = DatabaseErrors.sqlState(e);
        if (state != null && state.startsWith("08")) {
            return Failure.UNAVAILABLE;
        }
        if (state != null && state.startsWith("22")) {
            return Failure.CLIENT_DATA;
        }
        return Failure.OTHER;
    }

    /** The problem response for a database failure of the given kind. */
    public Response answer(Failure failure, Throwable e, HttpServerRequest request) {
        String path = request.path();
        String requestId = RequestIds.of(request);
        return switch (failure) {
            case UNAVAILABLE -> {
                LOG.warnf("Database unavailable answering %s %s (%s)", request.method(), path,
                        DatabaseErrors.describe(e));
                yield writer.response(new Problem(ProblemType.UNAVAILABLE, "Service unavailable", 503,
                        "The database is not reachable; retry later", path, requestId, null, null),
                        Map.of("Retry-After", RETRY_AFTER_SECONDS));
            }
            case CONCURRENT_UPDATE -> writer.response(new Problem(ProblemType.of("concurrent-update"),
                    "Concurrent update", 409, "The resource was changed by another request; read it again and retry",
                    path, requestId, null, null), Map.of());
            case CLIENT_DATA -> {
                LOG.infof("Database refused a value answering %s %s (%s)", request.method(), path,
                        DatabaseErrors.describe(e));
                yield writer.response(new Problem(ProblemType.of("value-not-storable"), "Value cannot be stored", 422,
                        "A value of the request is outside what the records can hold (too long, out of range or "
                                + "not valid text)", path, requestId, null, null), Map.of());
            }
            case OTHER -> {
                LOG.errorf("Database failure answering %s %s (%s)", request.method(), path,
                        DatabaseErrors.describe(e));
                yield writer.response(new Problem(ProblemType.INTERNAL, "Internal error", 500,
                        "An unexpected error occurred; quote the request id when reporting it", path, requestId,
                        null, null), Map.of());
            }
        };
    }

    /** Kinds of database failure, by what a client can do about them. */
    public enum Failure { UNAVAILABLE, CONCURRENT_UPDATE, CLIENT_DATA, OTHER }
}
