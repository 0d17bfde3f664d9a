-- Brokerage: introduction cases with their history and outcomes, in-portal
-- notifications, private staff notes on companies, first-contact requests,
-- and the user's time zone.

ALTER TABLE users ADD COLUMN time_zone VARCHAR(40) NOT NULL DEFAULT 'Europe/Berlin';

CREATE TABLE cases (
    id {{pk}},
    nrw_company_id BIGINT REFERENCES companies(id) ON DELETE CASCADE,
    tokyo_company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    requester_id BIGINT REFERENCES companies(id) ON DELETE SET NULL,
    municipality_key VARCHAR(64) REFERENCES municipalities(key) ON UPDATE CASCADE,
    state VARCHAR(16) NOT NULL,
    state_since {{ts}} NOT NULL,
    message {{text}} NOT NULL DEFAULT '',
    nrw_accepted_at {{ts}},
    tokyo_accepted_at {{ts}},
    proposed_at {{ts}},
    accepted_at {{ts}},
    first_response_at {{ts}},
    reminder_sent_at {{ts}},
    outcome30_sent_at {{ts}},
    outcome90_sent_at {{ts}},
    created_at {{ts}} NOT NULL,
    updated_at {{ts}} NOT NULL
);
CREATE INDEX cases_state ON cases(state, state_since);
CREATE INDEX cases_municipality ON cases(municipality_key, state);
CREATE INDEX cases_nrw ON cases(nrw_company_id);
CREATE INDEX cases_tokyo ON cases(tokyo_company_id);

CREATE TABLE case_events (
    id {{pk}},
    case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at {{ts}} NOT NULL,
    actor_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    actor_role VARCHAR(16) NOT NULL DEFAULT '',
    action VARCHAR(16) NOT NULL,
    from_state VARCHAR(16) NOT NULL DEFAULT '',
    to_state VARCHAR(16) NOT NULL,
    note {{text}} NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events(case_id, at);

CREATE TABLE case_outcomes (
    id {{pk}},
    case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    kind VARCHAR(16) NOT NULL,
    note {{text}} NOT NULL DEFAULT '',
    reported_at {{ts}} NOT NULL
);
CREATE INDEX case_outcomes_case ON case_outcomes(case_id);

CREATE TABLE notifications (
    id {{pk}},
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind VARCHAR(32) NOT NULL,
    case_id BIGINT REFERENCES cases(id) ON DELETE CASCADE,
    args {{text}} NOT NULL DEFAULT '{}',
    created_at {{ts}} NOT NULL,
    read_at {{ts}}
);
CREATE INDEX notifications_user ON notifications(user_id, created_at);

CREATE TABLE staff_notes (
    id {{pk}},
    company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    body {{text}} NOT NULL,
    created_at {{ts}} NOT NULL
);
CREATE INDEX staff_notes_company ON staff_notes(company_id, created_at);

CREATE TABLE first_contacts (
    id {{pk}},
    company_name {{text}} NOT NULL,
    region VARCHAR(8) NOT NULL,
    what_they_do {{text}} NOT NULL,
    looking_for {{text}} NOT NULL,
    contact_name {{text}} NOT NULL,
    email VARCHAR(254) NOT NULL,
    phone VARCHAR(40) NOT NULL DEFAULT '',
    lang VARCHAR(2) NOT NULL,
    suggested {{text}} NOT NULL DEFAULT '[]',
    state VARCHAR(16) NOT NULL DEFAULT 'new',
    handled_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    case_id BIGINT REFERENCES cases(id) ON DELETE SET NULL,
    consent_at {{ts}} NOT NULL,
    consent_version VARCHAR(32) NOT NULL,
    created_at {{ts}} NOT NULL,
    updated_at {{ts}} NOT NULL
);
CREATE INDEX first_contacts_state ON first_contacts(state, created_at);
