-- Audit trail: every change, who, what, when, before and after, chained by
-- HMAC-SHA256 so that a changed, deleted, inserted or reordered row is found
-- by `cohort audit verify`. audit_head holds the end of the chain; appending
-- locks it, which orders all appends.

CREATE TABLE audit_log (
  seq              INTEGER PRIMARY KEY,      -- 1, 2, 3 ... without gaps
  at               TEXT NOT NULL,
  actor_account_id TEXT,                     -- NULL for the public or the system
  organisation_id  TEXT,
  subject_type     TEXT NOT NULL,            -- e.g. organisation, account, application
  subject_id       TEXT NOT NULL,
  action           TEXT NOT NULL,            -- e.g. create, update, read_personal_data
  before_json      TEXT,
  after_json       TEXT,
  request_id       TEXT NOT NULL,
  prev_hmac        TEXT NOT NULL,
  hmac             TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, seq);
CREATE INDEX audit_log_organisation ON audit_log (organisation_id, seq);

CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hmac TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hmac) VALUES (1, 0, '');
