-- Schedules: what Ambar records of each schedule for operators and monitoring, and the claims that carry its
-- overlap policy across nodes. The schedules themselves (cron, job, parameters) live in the Quartz store (V2),
-- reconciled from the schedule files; a row here is created when a schedule is added and deleted with it.
CREATE TABLE ambar_schedule (
    name                      varchar(150) PRIMARY KEY,
    job_name                  varchar(100) NOT NULL,
    -- the next time the schedule is expected to fire; null while it is paused or will never fire again
    next_fire_time            timestamptz,
    -- the last run of a fire time (its scheduled time, execution, status, end), whatever its outcome
    last_fire_time            timestamptz,
    last_execution_id         bigint,
    last_status               varchar(20),
    last_ended_at             timestamptz,
    -- the last run that completed
    last_success_fire_time    timestamptz,
    last_success_execution_id bigint,
    last_success_at           timestamptz,
    -- fire times that passed while no node could fire them (counted whatever the misfire policy did next)
    missed_firings            bigint      NOT NULL DEFAULT 0,
    -- firings not run because the previous run was still running (overlap: forbid; queue: a firing already waited)
    skipped_overlaps          bigint      NOT NULL DEFAULT 0,
    -- from the fire time a run stands for to the start of its job, for the last run
    last_start_delay_ms       bigint,
    -- overlap claims, by Quartz fire instance id (qrtz_fired_triggers.entry_id): the firing that runs the schedule,
    -- and under queue the one waiting for it. A claim whose firing is no longer in qrtz_fired_triggers is void: it
    -- ended, or its node died and Quartz's cluster recovery removed it.
    running_firing            varchar(200),
    queued_firing             varchar(200),
    updated_at                timestamptz NOT NULL DEFAULT now()
);
