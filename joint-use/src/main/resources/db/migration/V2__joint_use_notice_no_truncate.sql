-- Notices are evidence: TRUNCATE is refused as well as UPDATE of a published one and DELETE.
CREATE FUNCTION joint_use_notice_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'joint_use_notice is never truncated' USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER joint_use_notice_no_truncate
    BEFORE TRUNCATE ON joint_use_notice
    FOR EACH STATEMENT EXECUTE FUNCTION joint_use_notice_refuse_truncate();
