package io.ambar.metrics;

/**
 * Ambar's own meters: every name under {@code ambar.}, each with its description and its tags, all of them
 * low-cardinality (a job, a step, a schedule, a status, a reason; never an execution id or a SKU). The Prometheus
 * name is the Micrometer name with dots as underscores, {@code _total} for a counter and the base unit
 * ({@code _seconds}) for a timer or a gauge of time. The cache's meters are in {@code io.ambar.cache.CacheMetrics}.
 */
enum AmbarMeters {

	/** {@code ambar_items_read_total{job,step}}: feed lines read, as the run's summary counts them. */
	ITEMS_READ("ambar.items.read", "Feed lines read (step load), as the run's summary counts them"),

	/** {@code ambar_items_applied_total{job,step}}: rows written to the catalogue. */
	ITEMS_APPLIED("ambar.items.applied", "Feed lines applied to the catalogue (step apply)"),

	/** {@code ambar_items_inserted_total{job,step}}: new products (product-sync). */
	ITEMS_INSERTED("ambar.items.inserted", "Products inserted (product-sync, step apply)"),

	/** {@code ambar_items_updated_total{job,step}}: changed products (product-sync). */
	ITEMS_UPDATED("ambar.items.updated", "Products updated (product-sync, step apply)"),

	/** {@code ambar_items_unchanged_total{job,step}}: lines whose data the catalogue already had. */
	ITEMS_UNCHANGED("ambar.items.unchanged", "Feed lines the catalogue already held (step classify)"),

	/** {@code ambar_items_stale_total{job,step}}: lines older than what a newer feed wrote. */
	ITEMS_STALE("ambar.items.stale", "Feed lines not applied: a feed of the same or a later as-of wrote the product"),

	/** {@code ambar_items_superseded_total{job,step}}: lines a later line of the same SKU replaced. */
	ITEMS_SUPERSEDED("ambar.items.superseded", "Feed lines replaced by a later line of the same SKU (step classify)"),

	/** {@code ambar_items_deactivated_total{job,step}}: products a full product-sync deactivated. */
	ITEMS_DEACTIVATED("ambar.items.deactivated", "Products deactivated by a full product-sync (step deactivate)"),

	/** {@code ambar_items_rejected_total{job,step,reason}}: lines sent to the reject ledger, by reason code. */
	ITEMS_REJECTED("ambar.items.rejected", "Feed lines rejected to the ledger, by reason"),

	/** {@code ambar_job_executions_total{job,status}}: executions that ended in this process, by batch status. */
	JOB_EXECUTIONS("ambar.job.executions", "Job executions that ended in this process, by status"),

	/** {@code ambar_job_last_success_timestamp_seconds{job}}: when the job last completed, on any node. */
	JOB_LAST_SUCCESS("ambar.job.last.success.timestamp", "When the job last ended COMPLETED (any node), Unix seconds"),

	/** {@code ambar_job_last_end_timestamp_seconds{job}}: when an execution of the job last ended, any outcome. */
	JOB_LAST_END("ambar.job.last.end.timestamp", "When an execution of the job last ended, whatever its outcome, Unix seconds"),

	/** {@code ambar_job_usual_duration_seconds{job}}: the mean duration of its last 20 completed executions. */
	JOB_USUAL_DURATION("ambar.job.usual.duration", "Mean duration of the job's last 20 completed executions"),

	/** {@code ambar_job_running_longest_seconds{job}}: how long the oldest running execution here has run. */
	JOB_RUNNING_LONGEST("ambar.job.running.longest", "How long the job's oldest execution running in this process has run"),

	/** {@code ambar_executions_running{job}}: executions running in this process. */
	EXECUTIONS_RUNNING("ambar.executions.running", "Executions running in this process"),

	/** {@code ambar_executions_orphaned{job}}: executions marked running whose process is gone (any node's). */
	EXECUTIONS_ORPHANED("ambar.executions.orphaned", "Executions marked running whose owner process is gone, not yet recovered"),

	/** {@code ambar_chunk_write_seconds{job,step}}: the write of one chunk, as a histogram. */
	CHUNK_WRITE("ambar.chunk.write", "Time to write one chunk (the writer's call, inside the chunk's transaction)"),

	/** {@code ambar_step_rows_per_second{job,step}}: items per second of the steps running in this process. */
	STEP_ROWS_PER_SECOND("ambar.step.rows.per.second", "Items per second of the steps running in this process since they started"),

	/** {@code ambar_step_items{job,step}}: items done so far by the steps running in this process. */
	STEP_ITEMS("ambar.step.items", "Items read or written so far by the steps running in this process"),

	/** {@code ambar_schedule_last_success_timestamp_seconds{schedule,job}}: when its last successful run ended. */
	SCHEDULE_LAST_SUCCESS("ambar.schedule.last.success.timestamp", "When the schedule's last successful run ended, Unix seconds"),

	/** {@code ambar_schedule_last_end_timestamp_seconds{schedule,job}}: when its last run ended, any outcome. */
	SCHEDULE_LAST_END("ambar.schedule.last.end.timestamp", "When the schedule's last run ended, whatever its outcome, Unix seconds"),

	/** {@code ambar_schedule_next_fire_timestamp_seconds{schedule,job}}: the next expected fire time (NaN: paused). */
	SCHEDULE_NEXT_FIRE("ambar.schedule.next.fire.timestamp", "The schedule's next expected fire time, Unix seconds; NaN while paused"),

	/** {@code ambar_schedule_interval_seconds{schedule,job}}: the gap between its next two fire times. */
	SCHEDULE_INTERVAL("ambar.schedule.interval", "The expected interval: the gap between the schedule's next two fire times"),

	/** {@code ambar_schedule_misfires_total{schedule,job}}: fire times that passed while no node could fire them. */
	SCHEDULE_MISFIRES("ambar.schedule.misfires", "Fire times that passed while no node could fire them"),

	/** {@code ambar_schedule_skipped_overlaps_total{schedule,job}}: firings skipped as an earlier run still ran. */
	SCHEDULE_SKIPPED_OVERLAPS("ambar.schedule.skipped.overlaps", "Firings not run because an earlier run of the schedule still ran"),

	/** {@code ambar_schedule_start_delay_seconds{schedule,job}}: from the fire time to the start of the last run. */
	SCHEDULE_START_DELAY("ambar.schedule.start.delay", "Delay from the fire time to the start of the schedule's last run"),

	/** {@code ambar_recovery_orphans_total{job}}: orphaned or UNKNOWN executions marked FAILED. */
	ORPHANS_RECOVERED("ambar.recovery.orphans", "Orphaned (or UNKNOWN) executions recovered: marked FAILED, by an operator or automatically"),

	/** {@code ambar_recovery_restarts_total{job}}: recovered executions restarted by automatic recovery. */
	AUTOMATIC_RESTARTS("ambar.recovery.restarts", "Recovered executions restarted by automatic recovery"),

	/** {@code ambar_executions_abandoned_total{job}}: executions given up for good. */
	EXECUTIONS_ABANDONED("ambar.executions.abandoned", "Executions abandoned: their job instance closed for good");

	/** Tag: the job's name. */
	static final String JOB = "job";

	/** Tag: the step's name; a partition worker's without its {@code :partitionN}. */
	static final String STEP = "step";

	/** Tag: the schedule's name (its file's). */
	static final String SCHEDULE = "schedule";

	/** Tag: a batch status (COMPLETED, FAILED, STOPPED, ...). */
	static final String STATUS = "status";

	/** Tag: a reject's reason code. */
	static final String REASON = "reason";

	private final String meterName;

	private final String description;

	AmbarMeters(String meterName, String description) {
		this.meterName = meterName;
		this.description = description;
	}

	/** A step's name as a tag: partition workers ({@code apply-range:partition0}, ...) count as one step. */
	static String step(String stepName) {
		int partition = stepName.indexOf(':');
		return (partition < 0) ? stepName : stepName.substring(0, partition);
	}

	String meterName() {
		return this.meterName;
	}

	String description() {
		return this.description;
	}

}
