-- Storage quotas (dev.cairn.quota).
--
-- accounts.quota_bytes: the most bytes of pinned DAGs the account may keep; NULL = unlimited.
ALTER TABLE accounts ADD COLUMN quota_bytes BIGINT;

-- dag_sizes: the bytes of the distinct blocks of the DAG under a root CID (binary, as pins.cid),
-- measured once by walking the stored DAG. A DAG under a CID never changes (content addressing),
-- so a measured size stays right forever and is never invalidated; rows of roots nobody pins any
-- more are harmless (a few dozen bytes each).
CREATE TABLE dag_sizes (
    cid    BYTEA  PRIMARY KEY,
    bytes  BIGINT NOT NULL,
    blocks BIGINT NOT NULL
);
