-- The test application stands for a service: like each service's migrations (issue 13), it gives the application
-- role SELECT and INSERT on the tables created after it, which the audit chain's own tables are.
DO $grants$
BEGIN
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO %I', '${app_role}');
    IF '${app_role}' <> current_user THEN
        EXECUTE format('REVOKE ALL ON flyway_schema_history FROM %I', '${app_role}');
    END IF;
END
$grants$;
