-- The tool catalogue: one row per tool version, and the reviewers' sign-offs.
-- Every change to these tables is made together with its audit entries in one transaction.

CREATE SEQUENCE tool_version_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE tool_version (
    id                 BIGINT       PRIMARY KEY,
    name               VARCHAR(64)  NOT NULL,
    version            VARCHAR(64)  NOT NULL,
    state              VARCHAR(16)  NOT NULL
        CHECK (state IN ('DRAFT', 'IN_REVIEW', 'APPROVED', 'SUSPENDED', 'RETIRED', 'REJECTED')),
    review_round       INTEGER      NOT NULL CHECK (review_round >= 0),
    manifest           TEXT         NOT NULL,
    manifest_digest    VARCHAR(71)  NOT NULL,
    summary            VARCHAR(300) NOT NULL,
    submitter_subject  VARCHAR(255) NOT NULL,
    submitter_username VARCHAR(255),
    submitter_force    VARCHAR(64),
    state_reason       TEXT,
    created_at         TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL,
    row_version        BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT tool_version_coordinates UNIQUE (name, version)
);

CREATE INDEX tool_version_state ON tool_version (state);

-- A submitted version is immutable: whatever the application does, the database refuses to change
-- the manifest of a version that has left DRAFT.
CREATE FUNCTION tool_version_frozen_manifest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state <> 'DRAFT' AND (NEW.manifest IS DISTINCT FROM OLD.manifest
            OR NEW.manifest_digest IS DISTINCT FROM OLD.manifest_digest
            OR NEW.name IS DISTINCT FROM OLD.name
            OR NEW.version IS DISTINCT FROM OLD.version
            OR NEW.submitter_subject IS DISTINCT FROM OLD.submitter_subject) THEN
        RAISE EXCEPTION 'tool version %@% is submitted: its manifest is immutable', OLD.name, OLD.version
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER tool_version_frozen_manifest
    BEFORE UPDATE ON tool_version
    FOR EACH ROW EXECUTE FUNCTION tool_version_frozen_manifest();

CREATE FUNCTION tool_version_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state <> 'DRAFT' THEN
        RAISE EXCEPTION 'tool version %@% is submitted: it stays readable for audit', OLD.name, OLD.version
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
END $$;

CREATE TRIGGER tool_version_no_delete
    BEFORE DELETE ON tool_version
    FOR EACH ROW EXECUTE FUNCTION tool_version_no_delete();

CREATE SEQUENCE tool_sign_off_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE tool_sign_off (
    id                BIGINT       PRIMARY KEY,
    tool_version_id   BIGINT       NOT NULL REFERENCES tool_version (id),
    review_round      INTEGER      NOT NULL CHECK (review_round >= 1),
    reviewer_subject  VARCHAR(255) NOT NULL,
    reviewer_username VARCHAR(255),
    role              VARCHAR(64)  NOT NULL,
    checklist         TEXT         NOT NULL,
    comments          TEXT         NOT NULL,
    signed_at         TIMESTAMPTZ  NOT NULL,
    CONSTRAINT tool_sign_off_once UNIQUE (tool_version_id, review_round, reviewer_subject, role)
);

CREATE INDEX tool_sign_off_version ON tool_sign_off (tool_version_id);

-- A sign-off is a reviewer's recorded judgement: never changed or withdrawn afterwards.
CREATE FUNCTION tool_sign_off_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'sign-offs are immutable' USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER tool_sign_off_immutable
    BEFORE UPDATE OR DELETE ON tool_sign_off
    FOR EACH ROW EXECUTE FUNCTION tool_sign_off_immutable();
