-- Security: the audit log, login attempts for throttling, two-factor
-- secrets of agency accounts, and the retention review flag.

CREATE TABLE audit_log (
    id {{pk}},
    at {{ts}} NOT NULL,
    actor_user_id BIGINT,
    actor_role VARCHAR(16) NOT NULL DEFAULT '',
    event VARCHAR(32) NOT NULL,
    subject {{text}} NOT NULL DEFAULT '',
    ip VARCHAR(64) NOT NULL DEFAULT '',
    detail {{text}} NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_event ON audit_log(event, at);

CREATE TABLE login_attempts (
    id {{pk}},
    email_hash VARCHAR(64) NOT NULL,
    ip VARCHAR(64) NOT NULL,
    ok INTEGER NOT NULL,
    at {{ts}} NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts(email_hash, at);
CREATE INDEX login_attempts_ip ON login_attempts(ip, at);

ALTER TABLE users ADD COLUMN totp_secret VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

ALTER TABLE companies ADD COLUMN contact_review_at {{ts}};

-- Deleted (anonymised) companies stay as rows so that case statistics survive.
ALTER TABLE companies ADD COLUMN deleted_at {{ts}};
