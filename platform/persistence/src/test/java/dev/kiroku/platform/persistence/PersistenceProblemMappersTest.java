package dev.kiroku.platform.persistence;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class PersistenceProblemMappersTest {

    @Test
    void anUnreachableDatabaseIsARetryableUnavailability() {
        var e = new PersistenceException("boom", new JDBCConnectionException("no route", new SQLException("x")));
        assertThat(PersistenceProblemMappers.classify(e)).isEqualTo(PersistenceProblemMappers.Failure.UNAVAILABLE);
        assertThat(PersistenceProblemMappers.classify(new SQLTransientConnectionException("pool exhausted")))
                .isEqualTo(PersistenceProblemMappers.Failure.UNAVAILABLE);
    }

    @Test
    void aConcurrentUpdateIsAConflict() {
        assertThat(PersistenceProblemMappers.classify(new OptimisticLockException("stale")))
                .isEqualTo(PersistenceProblemMappers.Failure.CONCURRENT_UPDATE);
    }

    @Test
    void anyOtherDatabaseFailureIsAnInternalError() {
        assertThat(PersistenceProblemMappers.classify(new PersistenceException("constraint", new SQLException("x"))))
                .isEqualTo(PersistenceProblemMappers.Failure.OTHER);
    }
}
