-- Networks of organisations (issue 7): member organisations (each a normal
-- tenant, possibly in another country), network administrators, and a
-- chair organisation per year with its hand-over to the next.
CREATE TABLE networks (
  id          TEXT PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,          -- 2-16 capital letters, digits or '-'
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE network_members (
  network_id      TEXT NOT NULL REFERENCES networks (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  joined_at       TEXT NOT NULL,
  PRIMARY KEY (network_id, organisation_id)
);
CREATE INDEX network_members_of_organisation ON network_members (organisation_id);

CREATE TABLE network_admins (
  network_id TEXT NOT NULL REFERENCES networks (id),
  account_id TEXT NOT NULL REFERENCES accounts (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (network_id, account_id)
);
CREATE INDEX network_admins_of_account ON network_admins (account_id);

-- One chair per network and year: the key refuses a second.
CREATE TABLE network_chairs (
  network_id      TEXT NOT NULL REFERENCES networks (id),
  year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  assigned_at     TEXT NOT NULL,
  handed_over_at  TEXT,                      -- when this chair passed the network to the next year's
  note            TEXT NOT NULL DEFAULT '',  -- e.g. what was handed over
  PRIMARY KEY (network_id, year)
);
