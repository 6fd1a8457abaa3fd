-- Issue 13 (item 7): the service connects as an application role that owns nothing, so it can neither disable a
-- trigger nor alter a table; these migrations run as the owner (quarkus.flyway.username). The application role gets
-- only what the domain does. Its name is the Flyway placeholder app_role (by default the datasource's username).

-- The persons a notification campaign could not reach (Art. 26(2) proviso: the alternative measure is for them) are
-- evidence like the transitions, filings and submitted reports (V1, V2): append-only.
CREATE TRIGGER notification_unreachable_immutable
    BEFORE UPDATE OR DELETE ON notification_unreachable
    FOR EACH ROW EXECUTE FUNCTION incident_evidence_guard();
CREATE TRIGGER notification_unreachable_no_truncate
    BEFORE TRUNCATE ON notification_unreachable
    FOR EACH STATEMENT EXECUTE FUNCTION incident_evidence_guard();

DO $grants$
DECLARE
    app text := '${app_role}';
BEGIN
    -- appended only: the evidence, and a job's rejected rows
    EXECUTE format('GRANT SELECT, INSERT ON incident_transition, incident_filing, notification_unreachable, '
        || 'affected_person_import_rejection, idempotency_key TO %I', app);
    EXECUTE format('GRANT UPDATE (resource_id) ON idempotency_key TO %I', app);
    -- rows with a lifecycle (a submitted report is refused by its trigger)
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON incident, incident_report, affected_person, '
        || 'affected_person_import, notification_campaign, notification_message TO %I', app);
    -- a reminder day's claim is given back (deleted) when its send fails
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON breach_reminder_digest TO %I', app);
    IF to_regclass('audit_entry') IS NOT NULL THEN -- a database that had the audit chain before this version
        EXECUTE format('GRANT SELECT, INSERT ON audit_entry TO %I', app);
    END IF;
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO %I', app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I', app);
    IF app <> current_user THEN -- the migration history is the owner's alone
        EXECUTE format('REVOKE ALL ON flyway_schema_history FROM %I', app);
    END IF;
END
$grants$;
