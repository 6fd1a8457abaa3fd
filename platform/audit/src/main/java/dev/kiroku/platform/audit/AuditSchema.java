package dev.kiroku.platform.audit;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Migrates the audit chain's table at start, with Flyway and a history table of its own
 * ({@code kiroku_audit_schema_history}), so the library's schema evolves independently of the service's migrations.
 * It migrates with the service's Flyway connection, i.e. as the schema's owner when {@code quarkus.flyway.username}
 * is set (the service itself connects as an application role that owns nothing), and with the service's Flyway
 * placeholders ({@code app_role}); the application role may not touch the history table.
 */
@ApplicationScoped
public class AuditSchema {

    private static final Logger LOG = Logger.getLogger(AuditSchema.class);
    static final String HISTORY_TABLE = "kiroku_audit_schema_history";

    void migrate(@Observes @Priority(1) StartupEvent start, Flyway serviceFlyway, AuditEntryMacs macs) {
        Configuration service = serviceFlyway.getConfiguration();
        var result = Flyway.configure(AuditSchema.class.getClassLoader())
                .dataSource(service.getDataSource())
                .placeholders(service.getPlaceholders())
                .locations("classpath:kiroku/audit/db")
                .javaMigrations(new V3__merkle_log_backfill(), new V6__audit_entry_mac(macs))
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.infof("Audit chain schema at version %s (%d migrations applied)", result.targetSchemaVersion,
                result.migrationsExecuted);
        keepHistoryToOwner(service);
    }

    /** The tables' default privileges give every new table to the application role; not the migration history. */
    private static void keepHistoryToOwner(Configuration service) {
        try (Connection owner = service.getDataSource().getConnection()) {
            List<String> grantees = new ArrayList<>();
            try (PreparedStatement others = owner.prepareStatement("SELECT DISTINCT grantee::regrole::text FROM "
                    + "pg_class, aclexplode(relacl) WHERE oid = ?::regclass AND grantee <> relowner AND grantee <> 0")) {
                others.setString(1, HISTORY_TABLE);
                try (ResultSet rs = others.executeQuery()) {
                    while (rs.next()) {
                        grantees.add(rs.getString(1));
                    }
                }
            }
            try (Statement revoke = owner.createStatement()) {
                for (String grantee : grantees) {
                    revoke.execute("REVOKE ALL ON " + HISTORY_TABLE + " FROM " + grantee);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not keep " + HISTORY_TABLE + " to the schema's owner", e);
        }
    }
}
