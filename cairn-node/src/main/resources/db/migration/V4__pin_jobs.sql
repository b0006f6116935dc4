-- Durable pin jobs (dev.cairn.pin.job.JdbcJobQueue): one row per pin request whose DAG a worker
-- must make present locally.
--
-- state: queued (runnable from run_at: creation time, or the end of a retry back-off), running
-- (leased by lease_owner, a node id, until run_at), then one of done, failed, cancelled. run_at is
-- both "not before" and "lease expiry", so one index answers "runnable now" for a queued job and
-- for a running job whose lease expired (how kill -9 and dead nodes resume: nobody renews).
-- attempts counts claims. The progress columns mirror what the pin's info shows while it runs.
-- origins is a JSON array of the multiaddrs as the client sent them.
CREATE TABLE pin_jobs (
    request_id     TEXT    PRIMARY KEY,
    account_id     BIGINT  NOT NULL,
    cid            TEXT    NOT NULL,
    origins        TEXT    NOT NULL,
    state          TEXT    NOT NULL,
    run_at         BIGINT  NOT NULL,
    attempts       INTEGER NOT NULL,
    lease_owner    TEXT,
    last_error     TEXT,
    blocks_fetched BIGINT  NOT NULL,
    bytes_fetched  BIGINT  NOT NULL,
    blocks_present BIGINT  NOT NULL,
    dag_size       BIGINT  NOT NULL,
    details        TEXT,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);

CREATE INDEX pin_jobs_runnable ON pin_jobs (account_id, state, run_at);

-- Round robin over accounts: the claim picks, among accounts with a runnable job, the one whose
-- turn came longest ago (last_turn is a counter, 0 for an account never served), then that
-- account's oldest runnable job. One account's million queued pins cannot starve another's one.
CREATE TABLE pin_job_turns (
    account_id BIGINT PRIMARY KEY,
    last_turn  BIGINT NOT NULL
);

CREATE INDEX pin_job_turns_in_turn ON pin_job_turns (last_turn, account_id);
