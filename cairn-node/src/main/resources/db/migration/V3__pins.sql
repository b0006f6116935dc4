-- Pin requests (dev.cairn.pin.jdbc): one row per Pinning Service API requestid.
--
-- request_id: canonical lower-case UUID text. cid_text is the CID exactly as the client sent it
-- (clients compare the echoed pin.cid as a string); cid is its binary form (what GC walks from);
-- multihash is what the cid filter matches on, so CIDv0 and CIDv1 of the same content match.
-- name_folded is name lower-cased by the service (Java, Unicode-aware), for iexact/ipartial.
-- origins (JSON array), meta (JSON object) and info (JSON object) are text; values are strings.
-- created is epoch ms, unique per account (the service bumps it by 1 ms on collision), because
-- PSA clients page with before=<created of the last item>.
--
-- Delete and replace are soft: deleted_at is set and the row leaves every API answer at once.
-- replaced_by is set on a replaced request whose DAG must stay live for GC until its successor
-- settles (pinned or failed) or is deleted; the service clears it then. So GC's live roots are:
-- (deleted_at IS NULL AND status <> 'failed') OR replaced_by IS NOT NULL.
CREATE TABLE pins (
    request_id  TEXT    PRIMARY KEY,
    account_id  BIGINT  NOT NULL REFERENCES accounts (id),
    cid_text    TEXT    NOT NULL,
    cid         BYTEA   NOT NULL,
    multihash   BYTEA   NOT NULL,
    name        TEXT,
    name_folded TEXT,
    origins     TEXT    NOT NULL,
    meta        TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    created     BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    info        TEXT    NOT NULL,
    deleted_at  BIGINT,
    replaced_by TEXT,
    UNIQUE (account_id, created)
);

-- Listings are "newest first per account" plus filters; partial indexes hold only visible rows,
-- so deleted tombstones never slow a listing (PostgreSQL supports the same partial indexes).
CREATE INDEX pins_visible_by_created ON pins (account_id, created) WHERE deleted_at IS NULL;
CREATE INDEX pins_visible_by_status ON pins (account_id, status, created) WHERE deleted_at IS NULL;
CREATE INDEX pins_visible_by_multihash ON pins (account_id, multihash) WHERE deleted_at IS NULL;
CREATE INDEX pins_visible_by_name ON pins (account_id, name) WHERE deleted_at IS NULL;
CREATE INDEX pins_replaced_by ON pins (replaced_by) WHERE replaced_by IS NOT NULL;

-- pin_meta: the meta object normalised, one row per key, for the meta AND-filter (an EXISTS per
-- key). Portable to PostgreSQL as is, and exact for any key (no JSON path quoting).
CREATE TABLE pin_meta (
    request_id TEXT NOT NULL REFERENCES pins (request_id),
    meta_key   TEXT NOT NULL,
    meta_value TEXT NOT NULL,
    PRIMARY KEY (request_id, meta_key)
);

CREATE INDEX pin_meta_by_pair ON pin_meta (meta_key, meta_value);
