-- Exactly once, for real: watermarks and versions on products, atomic feed claims, and liveness by instance.

-- The as-of instant of the feed that last wrote a product's stock level and its content: a feed line whose as-of
-- is not newer is stale and not applied, so a late or re-delivered feed cannot overwrite newer data. version
-- grows with every write of the row (caches compare it). None of them is indexed: stock updates stay HOT.
ALTER TABLE products
    ADD COLUMN stock_as_of   timestamptz,
    ADD COLUMN content_as_of timestamptz,
    ADD COLUMN version       bigint NOT NULL DEFAULT 1;

-- One claim per job instance on a feed's content: 'applying' from the fingerprint step on, 'applied' once the
-- finish step committed. Fingerprint decides "already applied" and writes its claim under an advisory lock per
-- job, so two launches of the same file cannot both pass.
ALTER TABLE feed_application RENAME COLUMN sha256 TO application_key;
ALTER TABLE feed_application
    ADD COLUMN job_instance_id bigint,
    ADD COLUMN as_of           timestamptz,
    ADD COLUMN as_of_given     boolean     NOT NULL DEFAULT false,
    ADD COLUMN state           varchar(10) NOT NULL DEFAULT 'applied' CHECK (state IN ('applying', 'applied')),
    ADD COLUMN claimed_at      timestamptz NOT NULL DEFAULT now();
UPDATE feed_application a SET job_instance_id = e.job_instance_id, as_of = a.applied_at
FROM batch_job_execution e WHERE e.job_execution_id = a.job_execution_id;
DELETE FROM feed_application WHERE job_instance_id IS NULL;
ALTER TABLE feed_application DROP CONSTRAINT feed_application_pkey;
-- a restart keeps the instance's claim; only the last application of an instance counts
DELETE FROM feed_application a USING feed_application b
WHERE a.job_instance_id = b.job_instance_id AND a.job_execution_id < b.job_execution_id;
ALTER TABLE feed_application
    ALTER COLUMN job_instance_id SET NOT NULL,
    ALTER COLUMN as_of SET NOT NULL,
    ALTER COLUMN applied_at DROP NOT NULL,
    ALTER COLUMN applied_at DROP DEFAULT,
    ADD PRIMARY KEY (job_instance_id);
CREATE INDEX feed_application_key_idx ON feed_application (job_name, application_key);
CREATE INDEX feed_application_last_idx ON feed_application (job_name, applied_at DESC) WHERE state = 'applied';

-- Every Ambar process that runs jobs: a random id per JVM start, its host, pid and process start time, and a
-- heartbeat. A pid alone proves nothing: it is reused, and in a container every JVM is pid 1.
CREATE TABLE ambar_instance (
    instance_id        uuid         PRIMARY KEY,
    host               varchar(255) NOT NULL,
    pid                bigint       NOT NULL,
    process_started_at timestamptz,
    started_at         timestamptz  NOT NULL DEFAULT now(),
    heartbeat_at       timestamptz  NOT NULL DEFAULT now(),
    -- set by a clean shutdown: the instance is gone without waiting for its heartbeat to go stale
    stopped_at         timestamptz
);

-- Which instance owns (runs) each running execution; deleted when the execution ends.
DROP TABLE job_process;
CREATE TABLE execution_owner (
    job_execution_id bigint      PRIMARY KEY,
    instance_id      uuid        NOT NULL REFERENCES ambar_instance (instance_id) ON DELETE CASCADE,
    started_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX execution_owner_instance_idx ON execution_owner (instance_id);
