-- The pack block store (dev.cairn.store.pack): pack files and the multihash -> location index.
--
-- packs: one row per committed pack file. The row is inserted in the same transaction as the
-- pack's index rows, after the file was fsynced: a pack file without a row is an aborted or
-- crashed ingest and is deleted at open. size is the committed length (a shorter file on disk is
-- corruption). live_blocks/live_bytes count index rows still pointing into the pack; GC deletes
-- lower them, and compaction (later) rewrites packs whose live share is low.
CREATE TABLE packs (
    id          BIGINT  PRIMARY KEY,
    size        BIGINT  NOT NULL,
    block_count BIGINT  NOT NULL,
    live_blocks BIGINT  NOT NULL,
    live_bytes  BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL
);

-- blocks: keyed by the multihash bytes, not the CID, so CIDv0 and CIDv1 of the same bytes are
-- one row. block_offset is where the block bytes start in the pack (after the CAR section's
-- varint and CID); codec is the CID codec the block was first stored under.
-- BYTEA is PostgreSQL's binary type; SQLite accepts the name and stores the blob unchanged.
-- GC hook: a mark-and-sweep GC adds a mark table (multihash, gc epoch) in a later migration and
-- deletes unmarked rows through BlockStore.delete; created_at lets it spare blocks written after
-- its mark phase began.
CREATE TABLE blocks (
    multihash    BYTEA   PRIMARY KEY,
    pack_id      BIGINT  NOT NULL REFERENCES packs (id),
    block_offset BIGINT  NOT NULL,
    block_size   INTEGER NOT NULL,
    codec        BIGINT  NOT NULL,
    created_at   BIGINT  NOT NULL
);

CREATE INDEX blocks_by_pack ON blocks (pack_id);
