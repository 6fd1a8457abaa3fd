-- Issue 13 item 6: an erasure that leaves nothing that could reveal the subject. A record's request fingerprint
-- (request_sha256) is a plain SHA-256 of the request, its subject included: after the purge it would still let anyone
-- who guesses a subject's identifier and name confirm the guess against the tombstone. The database's guard now
-- replaces it with 'purged' on the retention purge itself, whoever runs the UPDATE (APPI Rules 21/25: the purge still
-- refused before the current version's retain_until). The fingerprint the suite's Idempotency-Key mechanism kept for
-- the record's create or correction (idempotency_key) is replaced by the service in the purge's transaction.
CREATE OR REPLACE FUNCTION provision_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    personal text[] := ARRAY['subject_index', 'subject_identifier_enc', 'subject_name_enc', 'subject_salt',
                             'request_sha256', 'purged_at'];
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
        NEW.request_sha256 := 'purged';
        RETURN NEW; -- the retention purge: personal data and what could reveal it removed, the tombstone kept
    END IF;
    RAISE EXCEPTION 'provision records are append-only: % refused (correct by a new version)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Records purged before this version: their fingerprints go now (the owner lifts the guard for this one statement).
ALTER TABLE provision_record DISABLE TRIGGER provision_record_no_update;
UPDATE provision_record SET request_sha256 = 'purged' WHERE purged_at IS NOT NULL AND request_sha256 <> 'purged';
ALTER TABLE provision_record ENABLE TRIGGER provision_record_no_update;

UPDATE idempotency_key k SET request_sha256 = 'purged' FROM provision_record r
WHERE k.resource_id = r.id::text AND r.purged_at IS NOT NULL AND k.operation LIKE 'POST /api/v1/provisions%'
  AND k.request_sha256 <> 'purged';

-- An idempotency key changes only by its resource (set once) and by the purge forgetting its fingerprint.
CREATE FUNCTION idempotency_key_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.client_id = OLD.client_id AND NEW.operation = OLD.operation AND NEW.idem_key = OLD.idem_key
       AND NEW.created_at = OLD.created_at
       AND (OLD.resource_id IS NULL OR NEW.resource_id IS NOT DISTINCT FROM OLD.resource_id)
       AND (NEW.request_sha256 = OLD.request_sha256 OR NEW.request_sha256 = 'purged') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'idempotency_key changes only by its resource and the retention purge: UPDATE refused'
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER idempotency_key_guarded BEFORE UPDATE ON idempotency_key
    FOR EACH ROW EXECUTE FUNCTION idempotency_key_guard();

DO $grants$
BEGIN
    EXECUTE format('GRANT UPDATE (request_sha256) ON idempotency_key TO %I', '${app_role}');
END
$grants$;
