-- Each replica of the platform registers here when it starts and refreshes its heartbeat while it
-- runs, so operators (and GET /api/admin/config) see which replicas and versions are live.
CREATE TABLE platform_instance (
    id           VARCHAR(36)  PRIMARY KEY,
    version      VARCHAR(64)  NOT NULL,
    host         VARCHAR(255) NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL,
    heartbeat_at TIMESTAMPTZ  NOT NULL,
    stopped_at   TIMESTAMPTZ
);

CREATE INDEX platform_instance_heartbeat_idx ON platform_instance (heartbeat_at);
