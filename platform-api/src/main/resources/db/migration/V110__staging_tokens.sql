-- Grants of the single-use staging tokens of Kubernetes runs (docs/runner-kubernetes.md).
-- A token is never stored: only its SHA-256. One row per (token, declared name): the fetch token
-- of a run has a row for each of its inputs, the upload token one for each declared output. A
-- row is consumed by one atomic UPDATE (used_at from NULL), so each name is served or accepted
-- once per token. Grants are written in the launch's transaction, so they exist only for launched
-- runs; run_id is checked against tool_run by the staging service on every request.
CREATE TABLE staging_grant (
    token_hash   VARCHAR(64)  NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    name         VARCHAR(255) NOT NULL,
    run_id       VARCHAR(40)  NOT NULL,
    direction    VARCHAR(8)   NOT NULL CHECK (direction IN ('FETCH', 'UPLOAD')),
    -- inputs: the recorded hash and size; outputs: the received hash and size (NULL until stored)
    sha256       VARCHAR(64)  CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes   BIGINT       CHECK (size_bytes >= 0),
    max_bytes    BIGINT       NOT NULL CHECK (max_bytes >= 0),
    expires_at   TIMESTAMPTZ  NOT NULL,
    used_at      TIMESTAMPTZ,
    PRIMARY KEY (token_hash, name)
);

CREATE INDEX staging_grant_run ON staging_grant (run_id, direction);

DO
$$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'capenv_platform') THEN
        GRANT SELECT, INSERT, UPDATE ON staging_grant TO capenv_platform;
    END IF;
END
$$;
