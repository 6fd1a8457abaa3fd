package dev.kiroku.platform.persistence;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What may be said about a database failure without its messages: a driver's message may quote a row's values
 * (a unique key's {@code Detail}, a check constraint's failing row), so logs and problems use only the SQLState, the
 * constraint's name and the exception types of the cause chain.
 */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /** The SQLState of the first {@link SQLException} in the cause chain, or {@code null}. */
    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** The name of the constraint PostgreSQL reports as violated, or {@code null}. */
    public static String constraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PSQLException psql) {
                ServerErrorMessage message = psql.getServerErrorMessage();
                if (message != null && message.getConstraint() != null) {
                    return message.getConstraint();
                }
            }
        }
        return null;
    }

    /** A log line's account of the failure: SQLState, constraint and the exception types, never a message. */
    public static String describe(Throwable e) {
        List<String> types = new ArrayList<>();
        for (Throwable t = e; t != null && types.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            types.add(t.getClass().getName());
        }
        String constraint = constraint(e);
        return "SQLState " + sqlState(e) + (constraint == null ? "" : ", constraint " + constraint)
                + ", exceptions " + String.join(" < ", types);
    }
}
