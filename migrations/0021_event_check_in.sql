-- Check-in at event sessions (issue 7) with the rotating QR code of
-- programme attendance: a session's screen shows a code keyed by the
-- session's secret; a delegate scans it on a phone that carries their pass
-- (the key printed in their badge's QR code). Events also name partner
-- organisations beside the host.
ALTER TABLE event_sessions ADD COLUMN check_in_secret TEXT NOT NULL DEFAULT '';  -- set when first shown
ALTER TABLE delegates ADD COLUMN pass_key TEXT NOT NULL DEFAULT '';              -- 64 hex; '' never matches
CREATE INDEX delegates_by_pass ON delegates (pass_key);

CREATE TABLE event_check_ins (
  session_id    TEXT NOT NULL REFERENCES event_sessions (id),
  delegate_id   TEXT NOT NULL REFERENCES delegates (id),
  checked_in_at TEXT NOT NULL,
  PRIMARY KEY (session_id, delegate_id)
);
CREATE INDEX event_check_ins_of_delegate ON event_check_ins (delegate_id);

CREATE TABLE event_partners (
  event_id        TEXT NOT NULL REFERENCES events (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (event_id, organisation_id)
);
