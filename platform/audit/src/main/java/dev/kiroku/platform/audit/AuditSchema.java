package dev.kiroku.platform.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Migrates the audit chain's table at start, with Flyway and a history table of its own
 * ({@code kiroku_audit_schema_history}), so the library's schema evolves independently of the service's migrations.
 */
@ApplicationScoped
public class AuditSchema {

    private static final Logger LOG = Logger.getLogger(AuditSchema.class);
    static final String HISTORY_TABLE = "kiroku_audit_schema_history";

    void migrate(@Observes @Priority(1) StartupEvent start, AgroalDataSource dataSource) {
        var result = Flyway.configure(AuditSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:kiroku/audit/db")
                .javaMigrations(new V3__merkle_log_backfill())
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.infof("Audit chain schema at version %s (%d migrations applied)", result.targetSchemaVersion,
                result.migrationsExecuted);
    }
}
