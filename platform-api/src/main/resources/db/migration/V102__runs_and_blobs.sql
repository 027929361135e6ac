-- Uploaded inputs and captured outputs (blobs) and tool runs.
-- Every row here is written in the same transaction as the audit entries that record it.

CREATE SEQUENCE blob_seq START WITH 1 INCREMENT BY 50;

-- One row per upload or captured output; the bytes are stored once per SHA-256 by the blob store.
-- A blob is usable only within the force it was collected for: lookups are by (sha256, force).
CREATE TABLE blob (
    id                BIGINT       PRIMARY KEY,
    sha256            VARCHAR(64)   NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes        BIGINT       NOT NULL CHECK (size_bytes >= 0),
    media_type        VARCHAR(127) NOT NULL,
    force             VARCHAR(64)  NOT NULL,
    uploader_subject  VARCHAR(255) NOT NULL,
    uploader_username VARCHAR(255),
    client_id         VARCHAR(255),
    source            VARCHAR(16)  NOT NULL CHECK (source IN ('UPLOAD', 'OUTPUT')),
    run_id            VARCHAR(40),
    created_at        TIMESTAMPTZ  NOT NULL
);

CREATE INDEX blob_sha256_force ON blob (sha256, force);

CREATE TABLE tool_run (
    id                  VARCHAR(40)  PRIMARY KEY,
    state               VARCHAR(16)  NOT NULL
        CHECK (state IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    tool_name           VARCHAR(64)  NOT NULL,
    tool_version        VARCHAR(64)  NOT NULL,
    image               VARCHAR(512) NOT NULL,
    manifest_digest     VARCHAR(71)  NOT NULL,
    success_exit_codes  VARCHAR(255) NOT NULL,
    parameters          TEXT         NOT NULL,
    parameters_digest   VARCHAR(64)   NOT NULL,
    inputs              TEXT         NOT NULL,
    outputs             TEXT         NOT NULL DEFAULT '[]',
    purpose             TEXT         NOT NULL,
    case_reference      VARCHAR(128) NOT NULL,
    classification      VARCHAR(32)  NOT NULL,
    owner_subject       VARCHAR(255) NOT NULL,
    owner_username      VARCHAR(255),
    client_id           VARCHAR(255),
    force               VARCHAR(64)  NOT NULL,
    policy_digest       VARCHAR(71)  NOT NULL,
    policy_rules        TEXT         NOT NULL,
    policy_messages     TEXT         NOT NULL,
    idempotency_key     VARCHAR(128),
    request_digest      VARCHAR(64)   NOT NULL,
    exit_code           INTEGER,
    reason              VARCHAR(128),
    message             TEXT,
    created_at          TIMESTAMPTZ  NOT NULL,
    launched_at         TIMESTAMPTZ,
    finished_at         TIMESTAMPTZ,
    updated_at          TIMESTAMPTZ  NOT NULL,
    row_version         BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT tool_run_idempotency UNIQUE (owner_subject, idempotency_key)
);

CREATE INDEX tool_run_listing ON tool_run (created_at DESC, id DESC);
CREATE INDEX tool_run_force ON tool_run (force);
CREATE INDEX tool_run_state ON tool_run (state);
