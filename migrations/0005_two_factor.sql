-- Optional second factor (TOTP, RFC 6238), which an organisation can
-- require of its staff.
ALTER TABLE accounts ADD COLUMN totp_secret TEXT;          -- base32; set up but not enabled while totp_enabled_at is NULL
ALTER TABLE accounts ADD COLUMN totp_enabled_at TEXT;
ALTER TABLE accounts ADD COLUMN totp_last_step INTEGER;    -- a code is good once
ALTER TABLE organisations ADD COLUMN require_totp INTEGER NOT NULL DEFAULT 0;
