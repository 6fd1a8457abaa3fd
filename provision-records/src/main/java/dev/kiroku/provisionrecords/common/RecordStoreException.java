package dev.kiroku.provisionrecords.common;

import java.sql.SQLException;

/** A database failure while reading or writing records; mapped to 503/409/500 by the persistence problem mappers. */
public class RecordStoreException extends RuntimeException {

    public RecordStoreException(SQLException cause) {
        super("record store failure: " + cause.getSQLState(), cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }

    /** A unique constraint was hit (a concurrent request with the same idempotency key). */
    public boolean isUniqueViolation() {
        return "23505".equals(sqlException().getSQLState());
    }
}
