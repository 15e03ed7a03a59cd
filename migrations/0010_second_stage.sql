-- The short-list form: the call's stage-2 questions, opened to an
-- application when it is short-listed and answered by a due date.
-- second_stage: none (not short-listed, or the call has no such form),
-- open, submitted (applications/workflow.h).

ALTER TABLE applications ADD COLUMN second_stage TEXT NOT NULL DEFAULT 'none'
  CHECK (second_stage IN ('none', 'open', 'submitted'));
ALTER TABLE applications ADD COLUMN second_stage_due_at TEXT;
ALTER TABLE applications ADD COLUMN second_stage_submitted_at TEXT;
