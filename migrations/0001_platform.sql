-- Platform foundation: accounts, organisations (tenants), staff roles and
-- personal API tokens. Times are RFC 3339 UTC text with milliseconds
-- ("2026-11-22T09:01:08.123Z"); ids are 26-character opaque strings.

CREATE TABLE accounts (
  id                TEXT PRIMARY KEY,
  email             TEXT NOT NULL,           -- stored lower-cased
  name              TEXT NOT NULL,
  password_hash     TEXT NOT NULL,           -- argon2id, libsodium string format
  locale            TEXT NOT NULL DEFAULT 'az' CHECK (locale IN ('az', 'en', 'ru')),
  is_platform_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_platform_admin IN (0, 1)),
  email_verified_at TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX accounts_email ON accounts (email);

CREATE TABLE organisations (
  id         TEXT PRIMARY KEY,
  slug       TEXT NOT NULL,                  -- short code used in references, e.g. MFA
  name       TEXT NOT NULL,
  country    TEXT NOT NULL DEFAULT 'AZ',     -- ISO 3166-1 alpha-2
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX organisations_slug ON organisations (slug);

-- A staff role of an account in one organisation.
CREATE TABLE memberships (
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  account_id      TEXT NOT NULL REFERENCES accounts (id),
  role            TEXT NOT NULL CHECK (role IN ('organisation_admin', 'coordinator', 'reviewer',
                                                'interviewer', 'unit_supervisor', 'trainer')),
  created_at      TEXT NOT NULL,
  PRIMARY KEY (organisation_id, account_id, role)
);
CREATE INDEX memberships_account ON memberships (account_id);

-- Personal API tokens: only a hash is kept; the token is shown once.
CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  account_id   TEXT NOT NULL REFERENCES accounts (id),
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX api_tokens_account ON api_tokens (account_id);
