-- Reports (issue 7): the funnel counts an intake's applications from a
-- covering index (no visit to the wide rows with their answers), and its
-- offers by intake.
CREATE INDEX applications_funnel ON applications (call_id, submitted_at, screening_decision, eligibility_outcome);
CREATE INDEX offers_of_intake ON offers (intake_id, state, application_id);
