-- What the feed jobs keep about their own work: rejected lines, applied feeds, and which process runs
-- an execution. Staging tables are per job instance (stage_<job>_<instanceId>), made and dropped by the jobs.

-- One row per rejected feed line. Keyed by job instance and line so that a restarted execution, which
-- re-reads the lines after its last checkpoint, can never record the same line twice.
CREATE TABLE feed_reject (
    job_instance_id  bigint       NOT NULL,
    job_execution_id bigint       NOT NULL,
    job_name         varchar(100) NOT NULL,
    file             text         NOT NULL,
    line_no          bigint       NOT NULL,
    sku              text,
    reason           varchar(32)  NOT NULL,
    detail           text,
    raw              text,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (job_instance_id, line_no)
);

-- Feeds applied to the end, by content: a second run of the same bytes is a no-op unless forced.
CREATE TABLE feed_application (
    job_name         varchar(100) NOT NULL,
    sha256           char(64)     NOT NULL,
    job_execution_id bigint       NOT NULL,
    file             text         NOT NULL,
    applied_at       timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (job_name, sha256, job_execution_id)
);

-- The process that runs an execution, so that `restart` can tell a crashed execution (process gone,
-- heartbeat stale) from a running one before it marks it FAILED.
CREATE TABLE job_process (
    job_execution_id bigint       PRIMARY KEY,
    host             varchar(255) NOT NULL,
    pid              bigint       NOT NULL,
    started_at       timestamptz  NOT NULL DEFAULT now(),
    heartbeat_at     timestamptz  NOT NULL DEFAULT now()
);
