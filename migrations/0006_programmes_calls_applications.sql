-- Programmes, their intakes, the call of each intake and the applications
-- to it. Times are RFC 3339 UTC text; dates "YYYY-MM-DD".

CREATE TABLE programmes (
  id              TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  name            TEXT NOT NULL,
  code            TEXT NOT NULL,          -- used in application references, e.g. DV
  description     TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX programmes_code ON programmes (organisation_id, code);

-- One run of a programme, e.g. "2025–2026".
CREATE TABLE intakes (
  id              TEXT PRIMARY KEY,
  programme_id    TEXT NOT NULL REFERENCES programmes (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  name            TEXT NOT NULL,
  starts_on       TEXT NOT NULL,
  ends_on         TEXT NOT NULL,
  capacity        INTEGER NOT NULL CHECK (capacity >= 0),
  time_zone       TEXT NOT NULL DEFAULT 'Asia/Baku',
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX intakes_name ON intakes (programme_id, name);

-- The open call of an intake. `settings` is the JSON the coordinator
-- wrote (titles, descriptions, form, eligibility rules, local window);
-- the window in UTC is kept in columns for the public list.
CREATE TABLE calls (
  id               TEXT PRIMARY KEY,
  intake_id        TEXT NOT NULL REFERENCES intakes (id),
  organisation_id  TEXT NOT NULL REFERENCES organisations (id),
  settings         TEXT NOT NULL,
  settings_version INTEGER NOT NULL DEFAULT 1,  -- +1 on every change: readers cache parsed settings by it
  time_zone        TEXT NOT NULL,
  opens_at         TEXT,
  closes_at        TEXT,
  published        INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  reference_prefix TEXT NOT NULL,         -- e.g. MFA-DV-2026
  last_reference   INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX calls_intake ON calls (intake_id);
CREATE UNIQUE INDEX calls_reference_prefix ON calls (reference_prefix);
CREATE INDEX calls_window ON calls (published, closes_at);

-- One application of one person to one call.
CREATE TABLE applications (
  id                  TEXT PRIMARY KEY,
  call_id             TEXT NOT NULL REFERENCES calls (id),
  organisation_id     TEXT NOT NULL REFERENCES organisations (id),
  applicant_id        TEXT NOT NULL REFERENCES accounts (id),
  state               TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'withdrawn')),
  answers             TEXT NOT NULL DEFAULT '{}',   -- JSON object, field key -> answer
  version             INTEGER NOT NULL DEFAULT 1,
  reference           TEXT,
  eligibility_outcome TEXT NOT NULL DEFAULT 'pending'
                      CHECK (eligibility_outcome IN ('pending', 'eligible', 'ineligible', 'review')),
  eligibility         TEXT NOT NULL DEFAULT '[]',   -- JSON: [{"id", "passed", "code", "params"}]
  -- A coordinator's screening decision overrides the rules' outcome.
  screening_decision  TEXT CHECK (screening_decision IN ('eligible', 'ineligible')),
  screening_reason    TEXT,
  screened_by         TEXT REFERENCES accounts (id),
  screened_at         TEXT,
  -- Keys that find the same person applying twice (duplicates.h).
  dedupe_phone        TEXT,
  dedupe_name_birth   TEXT,
  dedupe_email        TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  submitted_at        TEXT,
  withdrawn_at        TEXT
);
CREATE UNIQUE INDEX applications_one_per_person ON applications (call_id, applicant_id);
CREATE UNIQUE INDEX applications_reference ON applications (reference);
CREATE INDEX applications_applicant ON applications (applicant_id);
CREATE INDEX applications_call ON applications (call_id, state, eligibility_outcome, id);
CREATE INDEX applications_dedupe_phone ON applications (call_id, dedupe_phone);
CREATE INDEX applications_dedupe_name_birth ON applications (call_id, dedupe_name_birth);
CREATE INDEX applications_dedupe_email ON applications (call_id, dedupe_email);

-- What happened to an application, for the applicant's timeline.
CREATE TABLE application_events (
  id             TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications (id),
  seq            INTEGER NOT NULL,          -- 1, 2, 3 ... per application: the order of events

  at             TEXT NOT NULL,
  event          TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT '',
  actor_id       TEXT REFERENCES accounts (id)
);
CREATE UNIQUE INDEX application_events_order ON application_events (application_id, seq);

-- Files uploaded for a file question of an application. The bytes are kept
-- in the database (base64) so every node of a cluster and every backup has
-- them; they are never under the web root and are served only as attachments.
CREATE TABLE documents (
  id              TEXT PRIMARY KEY,
  application_id  TEXT NOT NULL REFERENCES applications (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  field_key       TEXT NOT NULL,
  file_name       TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('pdf', 'docx', 'jpeg', 'png')),  -- by content (libmagic)
  size_bytes      INTEGER NOT NULL,
  content         TEXT NOT NULL,
  uploaded_by     TEXT NOT NULL REFERENCES accounts (id),
  created_at      TEXT NOT NULL
);
CREATE INDEX documents_application ON documents (application_id);
