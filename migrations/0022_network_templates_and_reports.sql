-- What a network shares with its members (issue 7): templates of a
-- programme with its call, form and rubrics that members adopt and adapt,
-- and the yearly report each member files on the form the chair sets.

-- A snapshot taken when published: later changes to the intake it came
-- from do not change it. content: {"programme", "call", "stages"} (JSON).
CREATE TABLE network_templates (
  id                     TEXT PRIMARY KEY,
  network_id             TEXT NOT NULL REFERENCES networks (id),
  title                  TEXT NOT NULL,
  description            TEXT NOT NULL DEFAULT '',
  source_organisation_id TEXT NOT NULL REFERENCES organisations (id),
  content                TEXT NOT NULL,
  published_by           TEXT REFERENCES accounts (id),
  published_at           TEXT NOT NULL
);
CREATE INDEX network_templates_of_network ON network_templates (network_id, published_at);

-- Which member made a programme of which template.
CREATE TABLE network_template_adoptions (
  template_id     TEXT NOT NULL REFERENCES network_templates (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  programme_id    TEXT NOT NULL REFERENCES programmes (id),
  intake_id       TEXT NOT NULL REFERENCES intakes (id),
  adopted_by      TEXT REFERENCES accounts (id),
  adopted_at      TEXT NOT NULL,
  PRIMARY KEY (template_id, programme_id)
);

-- The form of a year's report, set by that year's chair. settings: call
-- settings JSON (title, description, form) read by programmes::ParseCallSettings.
CREATE TABLE network_report_forms (
  network_id      TEXT NOT NULL REFERENCES networks (id),
  year            INTEGER NOT NULL,
  settings        TEXT NOT NULL,
  due_on          TEXT NOT NULL,
  set_by_organisation_id TEXT REFERENCES organisations (id),
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (network_id, year)
);

-- A member's report of a year: a draft until submitted, then read-only.
CREATE TABLE network_reports (
  network_id      TEXT NOT NULL REFERENCES networks (id),
  year            INTEGER NOT NULL,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  answers         TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),
  updated_at      TEXT NOT NULL,
  submitted_at    TEXT,
  submitted_by    TEXT REFERENCES accounts (id),
  PRIMARY KEY (network_id, year, organisation_id)
);
