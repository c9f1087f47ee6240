-- What housekeeping and the launch and list paths need as the repository grows.

-- housekeeping deletes reject ledger rows by age, oldest first, a chunk at a time: without this every chunk would
-- read the whole ledger
CREATE INDEX feed_reject_created_idx ON feed_reject (created_at);
