-- A trainer's own activities ("my activities") are found by trainer.
CREATE INDEX activities_of_trainer ON activities (trainer_id, starts_at);
