-- Issue 13 (items 6 and 7): the service connects as an application role that owns nothing, so it can neither
-- disable a trigger nor alter a table; these migrations run as the owner (quarkus.flyway.username). The application
-- role gets only what the domain does: it appends everywhere, updates only the columns a lifecycle changes, and
-- deletes nowhere. Its name is the Flyway placeholder app_role (by default the datasource's username).

-- The evidence tables are append-only, like the records (Art. 29/30) and the audit chain: a disclosure request and
-- what it disclosed (Art. 33(5)), and each retention purge run (Rules 21/25).
CREATE FUNCTION evidence_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only evidence: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER disclosure_request_no_update BEFORE UPDATE OR DELETE ON disclosure_request
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
CREATE TRIGGER disclosure_request_no_truncate BEFORE TRUNCATE ON disclosure_request
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();
CREATE TRIGGER disclosure_request_record_no_update BEFORE UPDATE OR DELETE ON disclosure_request_record
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
CREATE TRIGGER disclosure_request_record_no_truncate BEFORE TRUNCATE ON disclosure_request_record
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();
CREATE TRIGGER purge_run_no_update BEFORE UPDATE OR DELETE ON purge_run
    FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change();
CREATE TRIGGER purge_run_no_truncate BEFORE TRUNCATE ON purge_run
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change();

-- An opt-out stop (Art. 27(2)) changes once: its withdrawal. Everything else it recorded stays as it was.
CREATE FUNCTION opt_out_stop_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    withdrawal text[] := ARRAY['withdrawn_at', 'withdrawn_on', 'withdrawn_by', 'withdrawal_reason'];
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF to_jsonb(NEW) = to_jsonb(OLD) THEN
            RETURN NEW; -- nothing changes
        END IF;
        IF OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL AND NEW.withdrawn_on IS NOT NULL
           AND NEW.withdrawn_by IS NOT NULL AND (to_jsonb(NEW) - withdrawal) = (to_jsonb(OLD) - withdrawal) THEN
            RETURN NEW; -- the withdrawal
        END IF;
        RAISE EXCEPTION 'opt_out_stop % changes only by its one withdrawal: UPDATE refused', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'opt_out_stop is evidence of the subject''s request: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER opt_out_stop_guarded BEFORE UPDATE OR DELETE ON opt_out_stop
    FOR EACH ROW EXECUTE FUNCTION opt_out_stop_guard();
CREATE TRIGGER opt_out_stop_no_truncate BEFORE TRUNCATE ON opt_out_stop
    FOR EACH STATEMENT EXECUTE FUNCTION opt_out_stop_guard();

-- The retention purge (Rules 21/25) is the one change of a record, and only once its retention has ended: the
-- database refuses to remove a record's personal data while the current version of its lineage (the one no later
-- version corrects, as the service's purge reads it) is kept, i.e. until the day after its retain_until (Asia/Tokyo),
-- whoever runs the UPDATE. A record without retain_until is never purged.
CREATE OR REPLACE FUNCTION provision_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    personal text[] := ARRAY['subject_index', 'subject_identifier_enc', 'subject_name_enc', 'subject_salt',
                             'purged_at'];
    kept_until date;
    today date := (now() AT TIME ZONE 'Asia/Tokyo')::date;
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.purged_at IS NULL AND NEW.purged_at IS NOT NULL
       AND NEW.subject_index IS NULL AND NEW.subject_identifier_enc IS NULL AND NEW.subject_name_enc IS NULL
       AND NEW.subject_salt IS NULL
       AND (to_jsonb(NEW) - personal) = (to_jsonb(OLD) - personal) THEN
        SELECT c.retain_until INTO kept_until FROM provision_record c
        WHERE c.lineage_id = OLD.lineage_id
          AND NOT EXISTS (SELECT 1 FROM provision_record n WHERE n.corrects_id = c.id);
        IF kept_until IS NULL OR kept_until >= today THEN
            RAISE EXCEPTION 'provision record % is kept until % (APPI Rules 21/25 retention): purge refused before %',
                OLD.id, coalesce(kept_until::text, 'no end'), coalesce((kept_until + 1)::text, 'ever')
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW; -- the retention purge: personal data removed, the tombstone kept
    END IF;
    RAISE EXCEPTION 'provision records are append-only: % refused (correct by a new version)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- What the application role may do. Column lists make the lifecycles precise: a record's purge columns, a stop's
-- withdrawal, an idempotency key's resource. New tables (the audit log's included) get SELECT and INSERT by default;
-- a table that must be updated says so in its own migration.
DO $grants$
DECLARE
    app text := '${app_role}';
BEGIN
    EXECUTE format('GRANT SELECT, INSERT ON provision_record, opt_out_stop, disclosure_request, '
        || 'disclosure_request_record, purge_run, idempotency_key TO %I', app);
    EXECUTE format('GRANT UPDATE (subject_index, subject_identifier_enc, subject_name_enc, subject_salt, purged_at) '
        || 'ON provision_record TO %I', app);
    EXECUTE format('GRANT UPDATE (withdrawn_at, withdrawn_on, withdrawn_by, withdrawal_reason) ON opt_out_stop TO %I',
        app);
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
