-- Which blocks belong to which pinned DAGs (dev.cairn.membership.MembershipIndex), so the gateway's
-- pinned and private modes can serve any block of a pinned DAG by its own CID (a chunk, a
-- sub-directory: what trustless clients ask for when they resume), with one index probe.
--
-- Rows exist for a root while at least one visible pin request of it is in status pinned. They are
-- written in the transaction that turns a request pinned (a job's commit, an upload's commit) and
-- dropped in the transaction that removes the last such request (delete, replace, failed). Many pins
-- share roots: a root is walked once, when its first pin settles.
--
-- pinned_dags: one row per walked root, keyed by multihash and the root CID's codec (the codec
-- decides how links are read: a raw-codec CID of a dag-pb block's bytes has no children).
-- pinned_blocks: (root multihash, block multihash), the root included. Keyed by multihash like the
-- blocks table, so CIDv0 and CIDv1 of one block are one member. The second index answers "is this
-- block in some pinned DAG" and, joined to pins by root, "in one of this account's".
CREATE TABLE pinned_dags (
    root       BYTEA  NOT NULL,
    codec      BIGINT NOT NULL,
    blocks     BIGINT NOT NULL,
    indexed_at BIGINT NOT NULL,
    PRIMARY KEY (root, codec)
);

CREATE TABLE pinned_blocks (
    root  BYTEA NOT NULL,
    block BYTEA NOT NULL,
    PRIMARY KEY (root, block)
);

CREATE INDEX pinned_blocks_by_block ON pinned_blocks (block, root);

-- Roots pinned without their membership: those pinned before this migration, and any request
-- turned pinned by a caller that could not name the DAG's blocks. SQL cannot walk a DAG, so the
-- migration only lists them; the node's backfill task walks each over the store and removes it.
-- Until then the gateway still serves such a root itself (by the pins table), not its inner blocks.
CREATE TABLE pinned_dags_backlog (
    cid       BYTEA  PRIMARY KEY,
    queued_at BIGINT NOT NULL
);

INSERT INTO pinned_dags_backlog (cid, queued_at)
    SELECT DISTINCT cid, 0 FROM pins WHERE status = 'pinned' AND deleted_at IS NULL;
