-- Joint-use groups (APPI Art. 27(5)(iii)) and their versioned public notices.

CREATE TABLE joint_use_group (
    id          UUID         PRIMARY KEY,
    status      TEXT         NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'ENDED')),
    -- the latest definition: the draft being prepared, or the content of the latest notice version
    definition  JSONB        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  TEXT         NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    ends_on     DATE,
    end_reason  TEXT,
    version     BIGINT       NOT NULL
);

CREATE INDEX joint_use_group_status ON joint_use_group (status, id);

CREATE TABLE joint_use_notice (
    id                              UUID         PRIMARY KEY,
    group_id                        UUID         NOT NULL REFERENCES joint_use_group (id),
    version_no                      INT          NOT NULL CHECK (version_no > 0),
    status                          TEXT         NOT NULL CHECK (status IN ('PENDING', 'PUBLISHED')),
    definition                      JSONB        NOT NULL,
    effective_from                  DATE         NOT NULL,
    change_kinds                    TEXT         NOT NULL,
    reason                          TEXT         NOT NULL,
    non_substantive_justification   TEXT,
    due_by                          DATE,
    created_at                      TIMESTAMPTZ  NOT NULL,
    created_by                      TEXT         NOT NULL,
    published_at                    TIMESTAMPTZ,
    published_by                    TEXT,
    UNIQUE (group_id, version_no),
    CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
);

-- A published notice is evidence of what the public was told: the database refuses to change or remove it.
CREATE FUNCTION joint_use_notice_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'joint_use_notice rows are never deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status = 'PUBLISHED' THEN
        RAISE EXCEPTION 'published notice % v% is immutable', OLD.group_id, OLD.version_no
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER joint_use_notice_immutable
    BEFORE UPDATE OR DELETE ON joint_use_notice
    FOR EACH ROW EXECUTE FUNCTION joint_use_notice_guard();
