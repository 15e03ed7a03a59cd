-- Alumni (issue 6): a person's profile in the opt-in alumni directory.
-- Alumni themselves are the completed participants of a programme's
-- intakes; one account is one person across intakes and programmes.
CREATE TABLE alumni_profiles (
  account_id TEXT PRIMARY KEY REFERENCES accounts (id),
  directory  INTEGER NOT NULL DEFAULT 0 CHECK (directory IN (0, 1)),  -- listed in alumni directories
  headline   TEXT NOT NULL DEFAULT '',                                 -- "Attaché, Embassy in Berlin"
  updated_at TEXT NOT NULL
);
