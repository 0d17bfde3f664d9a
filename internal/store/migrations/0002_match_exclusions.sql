-- Pairs of companies the matcher must not suggest to each other again:
-- marked unsuitable by staff, or an introduction between them was declined.
-- Stored once per pair with company_a < company_b.
CREATE TABLE match_exclusions (
    id {{pk}},
    company_a BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    company_b BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    reason VARCHAR(32) NOT NULL,
    note {{text}} NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at {{ts}} NOT NULL,
    UNIQUE (company_a, company_b)
);
