-- Running the programme (issue 6): participants leaving with a reason and
-- stating languages and unit preferences; the intake's rotation periods,
-- host units with their places per period, and the rotations themselves.
-- JSON arrays are stored as text. Dates are YYYY-MM-DD, times RFC 3339 UTC.

ALTER TABLE participants ADD COLUMN withdrawn_at TEXT;
ALTER TABLE participants ADD COLUMN withdrawal_reason TEXT;
ALTER TABLE participants ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';         -- ["en", "fr"]
ALTER TABLE participants ADD COLUMN unit_preferences TEXT NOT NULL DEFAULT '[]';  -- unit ids, most wanted first

-- One row per intake once its rotations are set up.
CREATE TABLE rotation_plans (
  intake_id       TEXT PRIMARY KEY REFERENCES intakes (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  required        TEXT NOT NULL DEFAULT '[]',  -- [{"type", "rotations"}]
  state           TEXT NOT NULL DEFAULT 'none' CHECK (state IN ('none', 'draft', 'published')),
  planned_at      TEXT,
  published_at    TEXT,
  version         INTEGER NOT NULL,
  updated_at      TEXT NOT NULL
);

CREATE TABLE rotation_periods (
  id         TEXT PRIMARY KEY,
  intake_id  TEXT NOT NULL REFERENCES intakes (id),
  position   INTEGER NOT NULL,
  name       TEXT NOT NULL,
  starts_on  TEXT NOT NULL,
  ends_on    TEXT NOT NULL
);
CREATE INDEX rotation_periods_of_intake ON rotation_periods (intake_id, position);

-- An organisation unit hosting interns of one intake.
CREATE TABLE host_units (
  intake_id     TEXT NOT NULL REFERENCES intakes (id),
  unit_id       TEXT NOT NULL REFERENCES units (id),
  position      INTEGER NOT NULL,
  type          TEXT NOT NULL,
  supervisor_id TEXT REFERENCES accounts (id),
  languages     TEXT NOT NULL DEFAULT '[]',  -- an intern there must speak all of them
  places        TEXT NOT NULL DEFAULT '[]',  -- per period, in period order
  PRIMARY KEY (intake_id, unit_id)
);
CREATE INDEX host_units_of_supervisor ON host_units (supervisor_id);

CREATE TABLE rotations (
  participant_id TEXT NOT NULL REFERENCES participants (id),
  period_id      TEXT NOT NULL REFERENCES rotation_periods (id),
  intake_id      TEXT NOT NULL REFERENCES intakes (id),
  unit_id        TEXT NOT NULL REFERENCES units (id),
  manual         INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),  -- set by hand: kept on re-planning
  PRIMARY KEY (participant_id, period_id)
);
CREATE INDEX rotations_of_intake ON rotations (intake_id, period_id);
