-- A run's bounded log, stored when its end is recorded, in the same transaction (ADR 0100): the
-- runner then forgets the run, and the log outlives the runner's memory, a platform restart and
-- the Job's TTL. Written once; the platform never updates or deletes it.
CREATE TABLE run_log (
    run_id        VARCHAR(40) PRIMARY KEY REFERENCES tool_run (id),
    stdout        BYTEA       NOT NULL,
    stderr        BYTEA       NOT NULL,
    -- what the tool wrote, of which the columns above hold at most the manifest's log limit
    stdout_bytes  BIGINT      NOT NULL CHECK (stdout_bytes >= 0),
    stderr_bytes  BIGINT      NOT NULL CHECK (stderr_bytes >= 0)
);

DO
$$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'capenv_platform') THEN
        GRANT SELECT, INSERT ON run_log TO capenv_platform;
    END IF;
END
$$;
