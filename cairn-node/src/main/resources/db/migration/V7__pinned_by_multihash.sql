-- The gateway's `pinned` mode asks, per request, whether any account pins a CID: one index probe.
CREATE INDEX pins_pinned_by_multihash ON pins (multihash) WHERE deleted_at IS NULL AND status = 'pinned';
