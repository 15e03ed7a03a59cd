-- A participant reads back the feedback they gave (their programme page).
CREATE INDEX activity_feedback_by ON activity_feedback (participant_id);
