package io.ambar.housekeeping;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.ambar.feed.FeedParameters;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds job instances of the past through the job repository, as a run leaves them (parameters, step executions,
 * contexts), then moves their times back: {@code runs.of("stock-update").failed(100).completed(95).rejects(2, 95)}.
 */
final class PastRuns {

	private static final AtomicLong RUN_IDS = new AtomicLong(System.nanoTime());

	private final JobRepository repository;

	private final JdbcClient jdbc;

	private final Instant now;

	PastRuns(JobRepository repository, JdbcClient jdbc, Instant now) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.now = now;
	}

	/** A new job instance of the job, with no execution yet. */
	Run of(String job) {
		long runId = RUN_IDS.incrementAndGet();
		JobParameters parameters = new JobParametersBuilder().addString(FeedParameters.FILE, "/feeds/" + job + "-" + runId + ".csv")
			.addLong(FeedParameters.RUN_ID, runId)
			.toJobParameters();
		return new Run(this.repository.createJobInstance(job, parameters), parameters);
	}

	Instant daysAgo(int days) {
		return this.now.minus(Duration.ofDays(days));
	}

	static Timestamp local(Instant instant) {
		return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneId.systemDefault()));
	}

	/** One job instance and its executions, oldest first. */
	final class Run {

		private final JobInstance instance;

		private final JobParameters parameters;

		private final List<Long> executions = new ArrayList<>();

		private Run(JobInstance instance, JobParameters parameters) {
			this.instance = instance;
			this.parameters = parameters;
		}

		Run completed(int daysAgo) {
			return execution(BatchStatus.COMPLETED, daysAgo);
		}

		Run failed(int daysAgo) {
			return execution(BatchStatus.FAILED, daysAgo);
		}

		/** An execution created that many days ago, ended a minute later unless it still runs. */
		Run execution(BatchStatus status, int daysAgo) {
			JobExecution execution = PastRuns.this.repository.createJobExecution(this.instance, this.parameters,
					new ExecutionContext());
			for (String name : List.of("fingerprint", "load")) {
				StepExecution step = PastRuns.this.repository.createStepExecution(name, execution);
				step.getExecutionContext().putLong("summary.read", 3);
				PastRuns.this.repository.updateExecutionContext(step);
				step.setStatus(status.isRunning() ? BatchStatus.STARTED : BatchStatus.COMPLETED);
				PastRuns.this.repository.update(step);
			}
			execution.setStatus(status);
			PastRuns.this.repository.update(execution);
			Instant created = daysAgo(daysAgo);
			PastRuns.this.jdbc.sql("""
					UPDATE batch_job_execution SET create_time = :created, start_time = :created, last_updated = :ended,
					    end_time = CASE WHEN :running THEN NULL ELSE CAST(:ended AS timestamp) END
					WHERE job_execution_id = :id""")
				.param("created", local(created))
				.param("ended", local(created.plusSeconds(60)))
				.param("running", status.isRunning())
				.param("id", execution.getId())
				.update();
			this.executions.add(execution.getId());
			return this;
		}

		/** Reject ledger rows of the last execution, recorded that many days ago. */
		Run rejects(int count, int daysAgo) {
			PastRuns.this.jdbc.sql("""
					INSERT INTO feed_reject (job_instance_id, job_execution_id, job_name, file, line_no, sku, reason, created_at)
					SELECT :instance, :execution, :job, 'feed.csv', coalesce((SELECT max(line_no) FROM feed_reject
					    WHERE job_instance_id = :instance), 1) + n, 'SKU-' || n, 'UNKNOWN_SKU', :at
					FROM generate_series(1, :count) AS n""")
				.param("instance", id())
				.param("execution", lastExecution())
				.param("job", this.instance.getJobName())
				.param("at", Timestamp.from(daysAgo(daysAgo)))
				.param("count", count)
				.update();
			return this;
		}

		/** The instance's feed claim, applied that many days ago. */
		Run applied(int daysAgo) {
			PastRuns.this.jdbc.sql("""
					INSERT INTO feed_application (job_name, application_key, job_instance_id, job_execution_id, file, as_of,
					    state, applied_at, claimed_at)
					VALUES (:job, :key, :instance, :execution, 'feed.csv', :at, 'applied', :at, :at)""")
				.param("job", this.instance.getJobName())
				.param("key", "key-" + id())
				.param("instance", id())
				.param("execution", lastExecution())
				.param("at", Timestamp.from(daysAgo(daysAgo)))
				.update();
			return this;
		}

		/** Staging tables of the instance: {@code stage_<prefix>_<id>} and the given companions ({@code _apply}). */
		Run staging(String prefix, String... suffixes) {
			String table = "stage_" + prefix + "_" + id();
			PastRuns.this.jdbc.sql("CREATE TABLE " + table + " (sku text)").update();
			for (String suffix : suffixes) {
				PastRuns.this.jdbc.sql("CREATE TABLE " + table + suffix + " (sku text)").update();
			}
			return this;
		}

		/** An owner record (of an instance that shut down) and a run slot that name the last execution. */
		Run ownerAndSlot() {
			UUID owner = UUID.randomUUID();
			PastRuns.this.jdbc.sql("INSERT INTO ambar_instance (instance_id, host, pid, stopped_at) VALUES (?, 'gone', 1, now())")
				.param(owner)
				.update();
			PastRuns.this.jdbc.sql("INSERT INTO execution_owner (job_execution_id, instance_id) VALUES (?, ?)")
				.params(lastExecution(), owner)
				.update();
			PastRuns.this.jdbc.sql("INSERT INTO run_slot (slot, job_execution_id) VALUES (?, ?)")
				.params("slot-" + id(), lastExecution())
				.update();
			return this;
		}

		long id() {
			return this.instance.getInstanceId();
		}

		List<Long> executions() {
			return List.copyOf(this.executions);
		}

		long lastExecution() {
			return this.executions.get(this.executions.size() - 1);
		}

	}

}
