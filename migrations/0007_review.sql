-- Selection: the ordered stages of a call, who reviews at each, which
-- applications are in each, and the reviews (one per reviewer assigned to
-- an application at a stage). Times are RFC 3339 UTC text.

-- `settings` is the JSON the coordinator wrote: name, rubric, visibility,
-- scoring options (review/model.h StageSettings).
CREATE TABLE stages (
  id              TEXT PRIMARY KEY,
  call_id         TEXT NOT NULL REFERENCES calls (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  position        INTEGER NOT NULL,        -- 1, 2, 3 ... within the call
  kind            TEXT NOT NULL CHECK (kind IN ('screening', 'review', 'interview', 'decision')),
  settings        TEXT NOT NULL DEFAULT '{}',
  version         INTEGER NOT NULL DEFAULT 1,
  decided_at      TEXT,                    -- a decision stage's decisions were published: it no longer changes
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX stages_position ON stages (call_id, position);

-- Staff who review (or interview) at a stage. load_cap 0: the even share.
-- `affiliations` (JSON list of texts: universities, organisations) find
-- conflicts of interest with applicants' answers.
CREATE TABLE stage_reviewers (
  stage_id        TEXT NOT NULL REFERENCES stages (id),
  account_id      TEXT NOT NULL REFERENCES accounts (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  load_cap        INTEGER NOT NULL DEFAULT 0 CHECK (load_cap >= 0),
  affiliations    TEXT NOT NULL DEFAULT '[]',
  created_at      TEXT NOT NULL,
  PRIMARY KEY (stage_id, account_id)
);

-- Applications that have entered a stage (admitted from screening, or
-- moved on by a short list).
CREATE TABLE stage_entries (
  stage_id        TEXT NOT NULL REFERENCES stages (id),
  application_id  TEXT NOT NULL REFERENCES applications (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  entered_at      TEXT NOT NULL,
  entered_by      TEXT REFERENCES accounts (id),
  PRIMARY KEY (stage_id, application_id)
);
CREATE INDEX stage_entries_application ON stage_entries (application_id);

-- One reviewer on one application at one stage: the assignment and the
-- review in one row (review/workflow.h has the states). Removed and
-- conflicted rows stay for the record.
CREATE TABLE reviews (
  id              TEXT PRIMARY KEY,
  stage_id        TEXT NOT NULL REFERENCES stages (id),
  application_id  TEXT NOT NULL REFERENCES applications (id),
  reviewer_id     TEXT NOT NULL REFERENCES accounts (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  state           TEXT NOT NULL CHECK (state IN ('assigned', 'draft', 'submitted', 'removed', 'conflict')),
  origin          TEXT NOT NULL CHECK (origin IN ('automatic', 'manual', 'replacement', 'panel')),
  explanation     TEXT NOT NULL DEFAULT '{}',   -- JSON: why this reviewer
  scores          TEXT NOT NULL DEFAULT '{}',   -- JSON: criterion key -> number
  total           DOUBLE PRECISION,             -- weighted, 0..100, once submitted
  private_comment TEXT NOT NULL DEFAULT '',     -- for staff only
  shared_comment  TEXT NOT NULL DEFAULT '',     -- for the other reviewers too
  conflict_reason TEXT NOT NULL DEFAULT '',
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  created_by      TEXT REFERENCES accounts (id),
  updated_at      TEXT NOT NULL,
  submitted_at    TEXT
);
CREATE UNIQUE INDEX reviews_active_pair ON reviews (stage_id, application_id, reviewer_id)
  WHERE state IN ('assigned', 'draft', 'submitted');
CREATE INDEX reviews_stage ON reviews (stage_id, state);
CREATE INDEX reviews_reviewer ON reviews (reviewer_id, state);
CREATE INDEX reviews_application ON reviews (application_id);
