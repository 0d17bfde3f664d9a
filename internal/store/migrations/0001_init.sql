-- Initial schema. {{pk}}, {{ts}} and {{text}} are replaced per dialect (see migrate.go)
-- so that one file serves SQLite and PostgreSQL. Lists and per-language texts are
-- stored as JSON text: they are read whole with their row, and search and matching
-- run on the portal's in-memory indexes, not on SQL.

CREATE TABLE municipalities (
    id {{pk}},
    key VARCHAR(64) NOT NULL UNIQUE,
    name {{text}} NOT NULL,
    agency {{text}} NOT NULL,
    focus_sectors {{text}} NOT NULL DEFAULT '[]',
    keywords {{text}} NOT NULL DEFAULT '[]',
    description {{text}} NOT NULL DEFAULT '{}',
    contact_name {{text}} NOT NULL DEFAULT '',
    contact_role {{text}} NOT NULL DEFAULT '',
    contact_email {{text}} NOT NULL DEFAULT '',
    contact_phone {{text}} NOT NULL DEFAULT '',
    created_at {{ts}} NOT NULL,
    updated_at {{ts}} NOT NULL
);

CREATE TABLE companies (
    id {{pk}},
    ref VARCHAR(64) NOT NULL UNIQUE,
    name {{text}} NOT NULL,
    region VARCHAR(8) NOT NULL,
    city {{text}} NOT NULL DEFAULT '',
    municipality_key VARCHAR(64) REFERENCES municipalities(key) ON UPDATE CASCADE,
    kind VARCHAR(16) NOT NULL DEFAULT '',
    founded INTEGER NOT NULL DEFAULT 0,
    employees INTEGER NOT NULL DEFAULT 0,
    sectors {{text}} NOT NULL DEFAULT '[]',
    keywords {{text}} NOT NULL DEFAULT '[]',
    description {{text}} NOT NULL DEFAULT '{}',
    offers {{text}} NOT NULL DEFAULT '[]',
    seeks {{text}} NOT NULL DEFAULT '[]',
    languages {{text}} NOT NULL DEFAULT '[]',
    website {{text}} NOT NULL DEFAULT '',
    contact_name {{text}} NOT NULL DEFAULT '',
    contact_role {{text}} NOT NULL DEFAULT '',
    contact_email {{text}} NOT NULL DEFAULT '',
    contact_phone {{text}} NOT NULL DEFAULT '',
    confirmed_at {{ts}},
    created_at {{ts}} NOT NULL,
    updated_at {{ts}} NOT NULL
);
CREATE INDEX companies_updated_at ON companies(updated_at);
CREATE INDEX companies_municipality ON companies(municipality_key);

CREATE TABLE users (
    id {{pk}},
    email VARCHAR(254) NOT NULL UNIQUE,
    password_hash {{text}} NOT NULL,
    role VARCHAR(16) NOT NULL,
    municipality_key VARCHAR(64) REFERENCES municipalities(key) ON UPDATE CASCADE,
    company_id BIGINT REFERENCES companies(id) ON DELETE SET NULL,
    lang VARCHAR(2) NOT NULL DEFAULT 'en',
    email_confirmed_at {{ts}},
    disabled_at {{ts}},
    consent_at {{ts}},
    consent_version VARCHAR(32) NOT NULL DEFAULT '',
    created_at {{ts}} NOT NULL,
    updated_at {{ts}} NOT NULL
);
CREATE INDEX users_company ON users(company_id);

CREATE TABLE sessions (
    id VARCHAR(64) PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at {{ts}} NOT NULL,
    last_seen_at {{ts}} NOT NULL,
    expires_at {{ts}} NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE tokens (
    id {{pk}},
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose VARCHAR(16) NOT NULL,
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    expires_at {{ts}} NOT NULL,
    used_at {{ts}},
    created_at {{ts}} NOT NULL
);
CREATE INDEX tokens_user ON tokens(user_id);

CREATE TABLE outbox (
    id {{pk}},
    to_addr VARCHAR(254) NOT NULL,
    subject {{text}} NOT NULL,
    body {{text}} NOT NULL,
    lang VARCHAR(2) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at {{ts}} NOT NULL,
    last_error {{text}} NOT NULL DEFAULT '',
    sent_at {{ts}},
    failed_at {{ts}},
    created_at {{ts}} NOT NULL
);
CREATE INDEX outbox_due ON outbox(sent_at, failed_at, next_attempt_at);
