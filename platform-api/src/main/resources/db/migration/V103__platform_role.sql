-- The group role the platform's replicas log in under (through a login role that is a member of
-- it). It may change the platform's own tables, and only INSERT and SELECT on the audit log
-- (through capenv_audit_writer): it owns nothing, so it can neither alter audit rows nor disable
-- the triggers that refuse it. Migrations run as the schema owner (quarkus.flyway.username), the
-- replicas as the member role (quarkus.datasource.username): docs/configuration.md.
-- Every later migration that adds a platform table grants it to capenv_platform.
DO
$$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'capenv_platform') THEN
        CREATE ROLE capenv_platform NOLOGIN;
    END IF;
EXCEPTION
    WHEN insufficient_privilege THEN
        RAISE NOTICE 'capenv: cannot create role capenv_platform; create it as a DBA';
END
$$;

DO
$$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'capenv_platform') THEN
        GRANT SELECT, INSERT, UPDATE ON platform_instance, tool_version, tool_run TO capenv_platform;
        GRANT SELECT, INSERT ON tool_sign_off, blob TO capenv_platform;
        GRANT USAGE, SELECT ON SEQUENCE tool_version_seq, tool_sign_off_seq, blob_seq
            TO capenv_platform;
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'capenv_audit_writer') THEN
            GRANT capenv_audit_writer TO capenv_platform;
        END IF;
    END IF;
END
$$;
