-- capenv audit log: entries (Merkle leaves with the subtree hashes they complete) and signed
-- checkpoints. Append-only is enforced here, in the database, not only by the application:
-- row triggers refuse UPDATE and DELETE, a statement trigger refuses TRUNCATE, PUBLIC has no
-- rights, and the writer role may only INSERT and SELECT.

CREATE TABLE audit_entry (
    seq            BIGINT      PRIMARY KEY CHECK (seq >= 0),
    recorded_at    TIMESTAMPTZ NOT NULL,
    action         TEXT        NOT NULL,
    outcome        TEXT        NOT NULL,
    actor_subject  TEXT        NOT NULL,
    actor_force    TEXT,
    client_id      TEXT,
    tool_name      TEXT,
    case_reference TEXT,
    run_id         TEXT,
    -- the canonical encoding (RFC 8785 JSON, format v1): the bytes the leaf hash covers
    entry          BYTEA       NOT NULL,
    -- SHA-256(0x00 || entry)
    leaf_hash      BYTEA       NOT NULL CHECK (octet_length(leaf_hash) = 32),
    -- hashes of the perfect subtrees that end at this leaf, levels 1..k, 32 bytes each, where k is
    -- the number of trailing zero bits of seq + 1: proofs read O(log n) rows by primary key
    subtree_hashes BYTEA       NOT NULL CHECK (octet_length(subtree_hashes) % 32 = 0)
);

-- search columns: (column, seq) so that a filter plus the sequence cursor is one index range
CREATE INDEX audit_entry_subject_idx ON audit_entry (actor_subject, seq);
CREATE INDEX audit_entry_force_idx ON audit_entry (actor_force, seq);
CREATE INDEX audit_entry_client_idx ON audit_entry (client_id, seq) WHERE client_id IS NOT NULL;
CREATE INDEX audit_entry_tool_idx ON audit_entry (tool_name, seq) WHERE tool_name IS NOT NULL;
CREATE INDEX audit_entry_action_idx ON audit_entry (action, seq);
CREATE INDEX audit_entry_case_idx ON audit_entry (case_reference, seq) WHERE case_reference IS NOT NULL;
CREATE INDEX audit_entry_run_idx ON audit_entry (run_id, seq) WHERE run_id IS NOT NULL;
CREATE INDEX audit_entry_time_idx ON audit_entry (recorded_at);

CREATE TABLE audit_checkpoint (
    tree_size BIGINT      PRIMARY KEY CHECK (tree_size >= 0),
    root_hash BYTEA       NOT NULL CHECK (octet_length(root_hash) = 32),
    -- the C2SP signed note exactly as signed
    note      TEXT        NOT NULL,
    signed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION audit_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'capenv audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_append_only
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate
    BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- ENABLE ALWAYS: the triggers fire even with session_replication_role = replica
ALTER TABLE audit_entry ENABLE ALWAYS TRIGGER audit_entry_append_only;
ALTER TABLE audit_entry ENABLE ALWAYS TRIGGER audit_entry_no_truncate;
ALTER TABLE audit_checkpoint ENABLE ALWAYS TRIGGER audit_checkpoint_append_only;
ALTER TABLE audit_checkpoint ENABLE ALWAYS TRIGGER audit_checkpoint_no_truncate;

REVOKE ALL ON audit_entry, audit_checkpoint FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_refuse_change() FROM PUBLIC;

-- Group roles for the application (writer) and auditors (reader). Creating roles needs CREATEROLE;
-- where the migration role lacks it the DBA creates them (docs/audit-verifier.md) and grants are
-- skipped here with a notice.
DO
$$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'capenv_audit_writer') THEN
        CREATE ROLE capenv_audit_writer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'capenv_audit_reader') THEN
        CREATE ROLE capenv_audit_reader NOLOGIN;
    END IF;
EXCEPTION
    WHEN insufficient_privilege THEN
        RAISE NOTICE 'capenv audit: cannot create roles capenv_audit_writer/reader; create them as a DBA';
END
$$;

DO
$$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'capenv_audit_writer') THEN
        GRANT SELECT, INSERT ON audit_entry, audit_checkpoint TO capenv_audit_writer;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'capenv_audit_reader') THEN
        GRANT SELECT ON audit_entry, audit_checkpoint TO capenv_audit_reader;
    END IF;
END
$$;
