-- Units (departments that host interns) and staff invitations.

CREATE TABLE units (
  id              TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  name            TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX units_name ON units (organisation_id, name);

-- An e-mailed invitation to join an organisation with a role; only a hash
-- of the link's token is kept.
CREATE TABLE invitations (
  id              TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  email           TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('organisation_admin', 'coordinator', 'reviewer',
                                                'interviewer', 'unit_supervisor', 'trainer')),
  token_hash      TEXT NOT NULL,
  invited_by      TEXT NOT NULL REFERENCES accounts (id),
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  accepted_at     TEXT,
  accepted_by     TEXT REFERENCES accounts (id)
);
CREATE UNIQUE INDEX invitations_token ON invitations (token_hash);
CREATE INDEX invitations_organisation ON invitations (organisation_id, created_at);
