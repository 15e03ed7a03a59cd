-- Interviews: panels of interviewers at an interview stage, the slots they
-- sit, candidates' bookings and stated availability; and attachments
-- (calendar invitations) on outgoing mail. Times are RFC 3339 UTC text.

ALTER TABLE outbox ADD COLUMN attachment_name TEXT;
ALTER TABLE outbox ADD COLUMN attachment_type TEXT;
ALTER TABLE outbox ADD COLUMN attachment TEXT;

CREATE TABLE panels (
  id              TEXT PRIMARY KEY,
  stage_id        TEXT NOT NULL REFERENCES stages (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  name            TEXT NOT NULL,
  location        TEXT NOT NULL DEFAULT '',   -- a room, or an online meeting link
  members         TEXT NOT NULL DEFAULT '[]', -- JSON list of account ids (interviewers)
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX panels_stage ON panels (stage_id);

CREATE TABLE interview_slots (
  id              TEXT PRIMARY KEY,
  stage_id        TEXT NOT NULL REFERENCES stages (id),
  panel_id        TEXT NOT NULL REFERENCES panels (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  starts_at       TEXT NOT NULL,
  ends_at         TEXT NOT NULL,
  places          INTEGER NOT NULL CHECK (places >= 1),
  booked          INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  CHECK (booked >= 0 AND booked <= places)
);
CREATE INDEX interview_slots_stage ON interview_slots (stage_id, starts_at);

CREATE TABLE interview_bookings (
  id              TEXT PRIMARY KEY,
  stage_id        TEXT NOT NULL REFERENCES stages (id),
  slot_id         TEXT NOT NULL REFERENCES interview_slots (id),
  application_id  TEXT NOT NULL REFERENCES applications (id),
  applicant_id    TEXT NOT NULL REFERENCES accounts (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  state           TEXT NOT NULL CHECK (state IN ('booked', 'cancelled', 'attended', 'no_show')),
  origin          TEXT NOT NULL CHECK (origin IN ('self', 'scheduled')),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX interview_bookings_live ON interview_bookings (stage_id, application_id) WHERE state <> 'cancelled';
CREATE INDEX interview_bookings_slot ON interview_bookings (slot_id);
CREATE INDEX interview_bookings_applicant ON interview_bookings (applicant_id);

-- When a candidate can come, for automatic scheduling: JSON list of
-- {"start", "end"} in UTC. None stated: any time.
CREATE TABLE interview_availability (
  stage_id        TEXT NOT NULL REFERENCES stages (id),
  application_id  TEXT NOT NULL REFERENCES applications (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  windows         TEXT NOT NULL DEFAULT '[]',
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (stage_id, application_id)
);
