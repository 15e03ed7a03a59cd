-- Completion and certificates (issue 6): each intake's completion rules,
-- participants' final work, and the certificates issued, each signed with
-- the platform's Ed25519 key and revocable with a reason.

CREATE TABLE completion_rules (
  intake_id           TEXT PRIMARY KEY REFERENCES intakes (id),
  organisation_id     TEXT NOT NULL REFERENCES organisations (id),
  min_attendance      REAL NOT NULL,                 -- share of activities attended, 0-1
  final_work_required INTEGER NOT NULL CHECK (final_work_required IN (0, 1)),
  hours               INTEGER NOT NULL,              -- printed on certificates; 0: hours of activities attended
  updated_at          TEXT NOT NULL
);

CREATE TABLE final_works (
  participant_id TEXT PRIMARY KEY REFERENCES participants (id),
  title          TEXT NOT NULL,
  grade          TEXT NOT NULL DEFAULT '',
  passed         INTEGER NOT NULL CHECK (passed IN (0, 1)),
  recorded_by    TEXT REFERENCES accounts (id),
  recorded_at    TEXT NOT NULL
);

CREATE TABLE certificates (
  id              TEXT PRIMARY KEY,
  serial          TEXT NOT NULL UNIQUE,             -- MFA-DV-2027-0001
  participant_id  TEXT NOT NULL UNIQUE REFERENCES participants (id),
  intake_id       TEXT NOT NULL REFERENCES intakes (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  account_id      TEXT NOT NULL REFERENCES accounts (id),
  payload         TEXT NOT NULL,                    -- the signed JSON, exactly as signed
  signature       TEXT NOT NULL,                    -- Ed25519 over payload, base64url
  state           TEXT NOT NULL CHECK (state IN ('valid', 'revoked')),
  revoked_at      TEXT,
  revoke_reason   TEXT,
  issued_at       TEXT NOT NULL
);
CREATE INDEX certificates_of_intake ON certificates (intake_id);
CREATE INDEX certificates_of_account ON certificates (account_id);
