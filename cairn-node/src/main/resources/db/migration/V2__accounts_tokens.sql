-- Accounts and their API tokens (dev.cairn.account).
--
-- ids are assigned by the writer (MAX + 1 inside the write transaction), as for packs, so the
-- same SQL runs on PostgreSQL. Account names are lower case (checked by the service), so a plain
-- UNIQUE is case-insensitive in effect.
CREATE TABLE accounts (
    id         BIGINT PRIMARY KEY,
    name       TEXT   NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

-- tokens: only the SHA-256 of the secret is kept; the secret itself is shown once at issue.
-- scopes: comma-separated wire names (read,pin,upload,gateway,admin). Times are epoch ms;
-- expires_at/revoked_at/last_used_at are NULL when not set. last_used_at is refreshed at most
-- about once a minute per token (a write per request would cost an fsync per request).
CREATE TABLE tokens (
    id           BIGINT PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES accounts (id),
    secret_hash  BYTEA  NOT NULL UNIQUE,
    scopes       TEXT   NOT NULL,
    label        TEXT,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT,
    revoked_at   BIGINT,
    last_used_at BIGINT
);

CREATE INDEX tokens_by_account ON tokens (account_id);
