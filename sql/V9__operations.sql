-- The operations layer: the audit of who did what, one run at a time across nodes, and the indexes that keep
-- launching and listing as fast with 100,000 past executions as with none.

-- Every operator action, from the API, the CLI and the console: append-only (an UPDATE is refused); housekeeping
-- deletes the rows past their retention.
CREATE TABLE audit_log (
    id         bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz  NOT NULL DEFAULT now(),
    actor      varchar(100) NOT NULL,
    channel    varchar(16)  NOT NULL,
    action     varchar(32)  NOT NULL,
    target     varchar(300) NOT NULL,
    parameters jsonb        NOT NULL DEFAULT '{}'::jsonb,
    outcome    varchar(16)  NOT NULL,
    detail     text
);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- One run at a time: the slot of a job (or of a job and its file) is held by the execution running in it, from
-- the launch (or restart) that claims it, in a transaction of its own, to the end of the execution. A slot whose
-- execution ended, or whose owner is gone, is free again.
CREATE TABLE run_slot (
    slot             varchar(1100) PRIMARY KEY,
    job_execution_id bigint,
    claimed_at       timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX run_slot_execution_idx ON run_slot (job_execution_id);

-- Spring Batch's schema has no index on its foreign keys: every launch, restart and listing reads by them
CREATE INDEX batch_job_execution_instance_idx ON batch_job_execution (job_instance_id);
CREATE INDEX batch_job_execution_running_idx ON batch_job_execution (status)
    WHERE status IN ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN');
CREATE INDEX batch_job_execution_create_idx ON batch_job_execution (create_time);
CREATE INDEX batch_job_execution_params_execution_idx ON batch_job_execution_params (job_execution_id);
-- a value can be longer than a btree entry may be: the index holds its first 200 characters
CREATE INDEX batch_job_execution_params_value_idx
    ON batch_job_execution_params (parameter_name, left(parameter_value, 200));
CREATE INDEX batch_step_execution_execution_idx ON batch_step_execution (job_execution_id);
CREATE INDEX batch_job_instance_name_idx ON batch_job_instance (job_name, job_instance_id);
