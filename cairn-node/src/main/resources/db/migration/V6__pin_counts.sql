-- Exact per-account, per-status counts of visible pin requests, kept by triggers in the same
-- transaction as every change to pins, so `GET /pins` can answer its exact `count` without
-- counting a million rows: unfiltered listings read it directly, and Kubo-style paging
-- (`before` = the oldest item seen) subtracts the few newer rows from it.
-- (Trigger bodies keep their inner ';' mid-line: the migration runner splits at a ';' ending a line.)
CREATE TABLE pin_counts (
    account_id BIGINT NOT NULL,
    status     TEXT   NOT NULL,
    n          BIGINT NOT NULL,
    PRIMARY KEY (account_id, status)
);
INSERT INTO pin_counts (account_id, status, n)
    SELECT account_id, status, COUNT(*) FROM pins WHERE deleted_at IS NULL GROUP BY account_id, status;
CREATE TRIGGER pins_count_insert AFTER INSERT ON pins WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO pin_counts (account_id, status, n) VALUES (NEW.account_id, NEW.status, 1)
        ON CONFLICT (account_id, status) DO UPDATE SET n = n + 1; END;
CREATE TRIGGER pins_count_update AFTER UPDATE OF status, deleted_at ON pins BEGIN
    UPDATE pin_counts SET n = n - 1
        WHERE OLD.deleted_at IS NULL AND account_id = OLD.account_id AND status = OLD.status; INSERT INTO pin_counts (account_id, status, n) SELECT NEW.account_id, NEW.status, 1 WHERE NEW.deleted_at IS NULL
        ON CONFLICT (account_id, status) DO UPDATE SET n = n + 1; END;
CREATE TRIGGER pins_count_delete AFTER DELETE ON pins WHEN OLD.deleted_at IS NULL BEGIN
    UPDATE pin_counts SET n = n - 1 WHERE account_id = OLD.account_id AND status = OLD.status; END;
