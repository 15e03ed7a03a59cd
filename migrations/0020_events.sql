-- Joint events of a network (issue 7): conferences, forums and weeks hosted
-- by a member organisation, an agenda of sessions, and each member
-- organisation's delegation registered before a deadline.
CREATE TABLE events (
  id                     TEXT PRIMARY KEY,
  network_id             TEXT NOT NULL REFERENCES networks (id),
  host_organisation_id   TEXT NOT NULL REFERENCES organisations (id),
  kind                   TEXT NOT NULL CHECK (kind IN ('conference', 'forum', 'week', 'meeting')),
  title                  TEXT NOT NULL,
  description            TEXT NOT NULL DEFAULT '',
  place                  TEXT NOT NULL DEFAULT '',
  starts_on              TEXT NOT NULL,
  ends_on                TEXT NOT NULL,
  time_zone              TEXT NOT NULL,
  registration_closes_at TEXT NOT NULL,   -- UTC; delegations change until then
  delegation_limit       INTEGER NOT NULL CHECK (delegation_limit BETWEEN 1 AND 500),  -- people per delegation
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL
);
CREATE INDEX events_of_network ON events (network_id, starts_on);

CREATE TABLE event_sessions (
  id         TEXT PRIMARY KEY,
  event_id   TEXT NOT NULL REFERENCES events (id),
  title      TEXT NOT NULL,
  place      TEXT NOT NULL DEFAULT '',
  starts_at  TEXT NOT NULL,
  ends_at    TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX event_sessions_of_event ON event_sessions (event_id, starts_at);

CREATE TABLE delegations (
  id              TEXT PRIMARY KEY,
  event_id        TEXT NOT NULL REFERENCES events (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  registered_by   TEXT REFERENCES accounts (id),
  registered_at   TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (event_id, organisation_id)
);

-- The people of a delegation, head first; replaced as a whole on each save.
CREATE TABLE delegates (
  id            TEXT PRIMARY KEY,
  delegation_id TEXT NOT NULL REFERENCES delegations (id),
  position      INTEGER NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('head', 'member')),
  name          TEXT NOT NULL,
  email         TEXT NOT NULL DEFAULT '',
  arrival       TEXT NOT NULL DEFAULT '',   -- e.g. "12 May, flight J2 021, 14:20"
  departure     TEXT NOT NULL DEFAULT '',
  accommodation TEXT NOT NULL DEFAULT ''
);
CREATE INDEX delegates_of_delegation ON delegates (delegation_id, position);
