-- Activities of an intake (trainings, lectures, visits, group work,
-- meetings, cultural events; one-off or repeating), attendance taken by a
-- rotating QR code or by hand, and the secret addresses of calendar feeds.

CREATE TABLE activities (
  id              TEXT PRIMARY KEY,
  intake_id       TEXT NOT NULL REFERENCES intakes (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  series_id       TEXT,               -- shared by the activities of one repeating series
  kind            TEXT NOT NULL CHECK (kind IN ('training', 'lecture', 'visit', 'group_work', 'meeting', 'cultural')),
  title           TEXT NOT NULL,
  topic           TEXT NOT NULL DEFAULT '',
  trainer_name    TEXT NOT NULL DEFAULT '',
  trainer_kind    TEXT NOT NULL DEFAULT 'staff' CHECK (trainer_kind IN ('staff', 'partner', 'international_expert', 'ngo')),
  trainer_id      TEXT REFERENCES accounts (id),  -- an account that may take attendance
  place           TEXT NOT NULL DEFAULT '',
  online_url      TEXT NOT NULL DEFAULT '',
  starts_at       TEXT NOT NULL,
  ends_at         TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'cancelled')),
  check_in_secret TEXT NOT NULL,      -- keys the rotating check-in code
  version         INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX activities_of_intake ON activities (intake_id, starts_at);
CREATE INDEX activities_of_series ON activities (series_id);

CREATE TABLE attendance (
  activity_id    TEXT NOT NULL REFERENCES activities (id),
  participant_id TEXT NOT NULL REFERENCES participants (id),
  status         TEXT NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
  method         TEXT NOT NULL CHECK (method IN ('qr', 'manual')),
  reason         TEXT,                -- why excused
  recorded_by    TEXT REFERENCES accounts (id),
  recorded_at    TEXT NOT NULL,
  PRIMARY KEY (activity_id, participant_id)
);
CREATE INDEX attendance_of_participant ON attendance (participant_id);

-- A calendar feed's secret address: a participant's own timetable, or an
-- intake's (participant_id NULL). A new token replaces the old one.
CREATE TABLE calendar_feeds (
  token          TEXT PRIMARY KEY,
  intake_id      TEXT NOT NULL REFERENCES intakes (id),
  participant_id TEXT REFERENCES participants (id),
  created_at     TEXT NOT NULL
);
CREATE INDEX calendar_feeds_of ON calendar_feeds (intake_id, participant_id);
