-- Browser sessions, one-time e-mail links, consent records, login
-- throttling, the outbox of messages and in-app notifications.

-- A signed-in browser. Only a hash of the cookie value is kept.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  account_id   TEXT NOT NULL REFERENCES accounts (id),
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL               -- absolute end; idle end is last_seen_at + idle limit
);
CREATE INDEX sessions_account ON sessions (account_id);

-- One-time links sent by e-mail (verify the address, reset the password).
CREATE TABLE email_tokens (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  purpose    TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
  email      TEXT NOT NULL,                -- the address the link was sent to
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT
);
CREATE INDEX email_tokens_account ON email_tokens (account_id, purpose);

-- What a person agreed to, which version of the text, and when.
CREATE TABLE consents (
  account_id TEXT NOT NULL REFERENCES accounts (id),
  kind       TEXT NOT NULL,                -- privacy_notice
  version    TEXT NOT NULL,
  given_at   TEXT NOT NULL,
  PRIMARY KEY (account_id, kind, version)
);

-- Failed sign-ins per e-mail address and per client address, in windows.
CREATE TABLE login_failures (
  scope        TEXT NOT NULL,              -- 'email' or 'address'
  who          TEXT NOT NULL,               -- the e-mail address or the client address
  window_start TEXT NOT NULL,
  failures     INTEGER NOT NULL,
  PRIMARY KEY (scope, who)
);

-- Every outgoing message, written in the transaction of the change that
-- caused it and delivered by the outbox worker.
CREATE TABLE outbox (
  id              TEXT PRIMARY KEY,
  created_at      TEXT NOT NULL,
  account_id      TEXT,
  to_address      TEXT NOT NULL,
  locale          TEXT NOT NULL,
  template        TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_by      TEXT,
  claimed_until   TEXT,
  last_error      TEXT,
  sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- One line per delivery attempt.
CREATE TABLE outbox_deliveries (
  outbox_id    TEXT NOT NULL REFERENCES outbox (id),
  attempt      INTEGER NOT NULL,
  at           TEXT NOT NULL,
  node         TEXT NOT NULL,
  ok           INTEGER NOT NULL,
  detail       TEXT NOT NULL,
  PRIMARY KEY (outbox_id, attempt)
);

CREATE TABLE notifications (
  id         TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  created_at TEXT NOT NULL,
  template   TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  read_at    TEXT
);
CREATE INDEX notifications_account ON notifications (account_id, created_at);
