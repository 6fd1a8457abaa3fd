-- Issue 13 (item 7): the service connects as an application role that owns nothing, so it can neither disable a
-- trigger nor alter a table; these migrations run as the owner (quarkus.flyway.username). The application role gets
-- only what the domain does. Its name is the Flyway placeholder app_role (by default the datasource's username).

-- A notice version (Art. 27(5)(iii), 27(6)) is evidence of what the public was told. A published one never changes
-- (V1); a pending one changes only by being published (status, who, when) or by its due date: its content, version
-- number, group, effective day and reason are fixed when it is created.
CREATE OR REPLACE FUNCTION joint_use_notice_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    lifecycle text[] := ARRAY['status', 'published_at', 'published_by', 'due_by'];
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'joint_use_notice rows are never deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF to_jsonb(NEW) = to_jsonb(OLD) THEN
        RETURN NEW; -- nothing changes
    END IF;
    IF OLD.status = 'PUBLISHED' THEN
        RAISE EXCEPTION 'published notice % v% is immutable', OLD.group_id, OLD.version_no
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (to_jsonb(NEW) - lifecycle) <> (to_jsonb(OLD) - lifecycle) THEN
        RAISE EXCEPTION 'notice % v% changes only by its publication: its content is fixed', OLD.group_id,
            OLD.version_no USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

DO $grants$
DECLARE
    app text := '${app_role}';
BEGIN
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON joint_use_group TO %I', app);
    EXECUTE format('GRANT SELECT, INSERT ON joint_use_notice, idempotency_key TO %I', app);
    EXECUTE format('GRANT UPDATE (status, published_at, published_by, due_by) ON joint_use_notice TO %I', app);
    EXECUTE format('GRANT UPDATE (resource_id) ON idempotency_key TO %I', app);
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
