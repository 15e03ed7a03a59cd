-- Decisions on the applications of a call's decision stage, the offers
-- made to those accepted, and the participants of an intake (those who
-- accepted). Times are RFC 3339 UTC text.

CREATE TABLE decisions (
  id                TEXT PRIMARY KEY,
  stage_id          TEXT NOT NULL REFERENCES stages (id),
  intake_id         TEXT NOT NULL REFERENCES intakes (id),
  application_id    TEXT NOT NULL REFERENCES applications (id),
  organisation_id   TEXT NOT NULL REFERENCES organisations (id),
  state             TEXT NOT NULL CHECK (state IN ('draft', 'published')),
  outcome           TEXT NOT NULL CHECK (outcome IN ('accept', 'waitlist', 'reject')),
  proposed_outcome  TEXT NOT NULL CHECK (proposed_outcome IN ('accept', 'waitlist', 'reject')),
  rank              INTEGER,                 -- in the source stage's order; NULL: not scored
  score             DOUBLE PRECISION,
  waitlist_position INTEGER,                 -- 1, 2 ... for the waitlist
  categories        TEXT NOT NULL DEFAULT '{}',  -- JSON: quota field -> the applicant's value
  explanation       TEXT NOT NULL DEFAULT '{}',  -- JSON: the engine's reason and quota
  override_reason   TEXT,
  overridden_by     TEXT REFERENCES accounts (id),
  promoted          INTEGER NOT NULL DEFAULT 0 CHECK (promoted IN (0, 1)),  -- from the waitlist
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  published_at      TEXT
);
CREATE UNIQUE INDEX decisions_one ON decisions (stage_id, application_id);
CREATE INDEX decisions_intake ON decisions (intake_id, state, outcome);

CREATE TABLE offers (
  id              TEXT PRIMARY KEY,
  decision_id     TEXT NOT NULL REFERENCES decisions (id),
  application_id  TEXT NOT NULL REFERENCES applications (id),
  intake_id       TEXT NOT NULL REFERENCES intakes (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  applicant_id    TEXT NOT NULL REFERENCES accounts (id),
  state           TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'declined', 'expired')),
  deadline_at     TEXT NOT NULL,
  responded_at    TEXT,
  created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX offers_live ON offers (decision_id) WHERE state IN ('open', 'accepted');
CREATE INDEX offers_applicant ON offers (applicant_id);
CREATE INDEX offers_due ON offers (state, deadline_at);

-- An accepted applicant during the programme (issue 6 adds rotations,
-- attendance and completion).
CREATE TABLE participants (
  id              TEXT PRIMARY KEY,
  intake_id       TEXT NOT NULL REFERENCES intakes (id),
  application_id  TEXT NOT NULL REFERENCES applications (id),
  account_id      TEXT NOT NULL REFERENCES accounts (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  state           TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'withdrawn', 'completed')),
  created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX participants_one ON participants (intake_id, account_id);
