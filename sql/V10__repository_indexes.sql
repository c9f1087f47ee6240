-- What the job repository and its ledgers need as they grow. Measured with 100,000 past executions (bench
-- only=repository): every query of a launch and of the execution lists already reads by an index of V9 (the list by
-- parameter value once it reads the matching ids first, see ExecutionQueries), so this adds none for them.

-- housekeeping deletes reject ledger rows by age, oldest first, a chunk at a time: without this every chunk would
-- read the whole ledger
CREATE INDEX feed_reject_created_idx ON feed_reject (created_at);
