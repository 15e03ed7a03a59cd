-- Evaluations (issue 6): supervisors evaluate each intern at the end of each
-- rotation on the intake's criteria (1-5 each); participants give short
-- feedback on activities; completion may ask for every rotation evaluated
-- at or above a level.

ALTER TABLE rotation_plans ADD COLUMN evaluation_criteria TEXT NOT NULL DEFAULT '[]';  -- ["Professional knowledge", ...]
ALTER TABLE completion_rules ADD COLUMN min_evaluation INTEGER NOT NULL DEFAULT 0;    -- 0: not required; else 1-5

CREATE TABLE evaluations (
  participant_id TEXT NOT NULL REFERENCES participants (id),
  period_id      TEXT NOT NULL REFERENCES rotation_periods (id),
  unit_id        TEXT NOT NULL REFERENCES units (id),
  evaluator_id   TEXT NOT NULL REFERENCES accounts (id),
  scores         TEXT NOT NULL,   -- {"criterion": 1-5}
  overall        REAL NOT NULL,   -- the mean of the scores (or the one overall score)
  comment        TEXT NOT NULL DEFAULT '',
  submitted_at   TEXT NOT NULL,
  PRIMARY KEY (participant_id, period_id)
);

CREATE TABLE activity_feedback (
  activity_id    TEXT NOT NULL REFERENCES activities (id),
  participant_id TEXT NOT NULL REFERENCES participants (id),
  rating         INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment        TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  PRIMARY KEY (activity_id, participant_id)
);
