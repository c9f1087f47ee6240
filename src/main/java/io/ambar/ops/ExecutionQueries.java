package io.ambar.ops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ambar.feed.FeedFileException;
import io.ambar.feed.FeedParameters;
import io.ambar.feed.FeedSummary;
import io.ambar.feed.RejectLedger;
import io.ambar.ops.ExecutionViews.Detail;
import io.ambar.ops.ExecutionViews.Owner;
import io.ambar.ops.ExecutionViews.Page;
import io.ambar.ops.ExecutionViews.Progress;
import io.ambar.ops.ExecutionViews.Step;
import io.ambar.ops.ExecutionViews.Summary;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads executions for operators: lists filtered by job, status, time range and a parameter value with keyset
 * pagination (newest first; the cursor is opaque), and the detail of one execution with its steps, counts,
 * progress, owner, failure and linked re-runs.
 */
@Component
public class ExecutionQueries {

	/** The most a page holds. */
	public static final int MAX_LIMIT = 500;

	private final JdbcClient jdbc;

	private final JobRepository repository;

	private final JobExecutions executions;

	private final ExecutionOwners owners;

	private final ExecutionLiveness liveness;

	private final RejectLedger ledger;

	private final JobCatalog catalog;

	private final ExecutionSummaries summaries;

	ExecutionQueries(JdbcClient jdbc, JobRepository repository, JobExecutions executions, ExecutionOwners owners,
			ExecutionLiveness liveness, RejectLedger ledger, JobCatalog catalog, ExecutionSummaries summaries) {
		this.catalog = catalog;
		this.summaries = summaries;
		this.jdbc = jdbc;
		this.repository = repository;
		this.executions = executions;
		this.owners = owners;
		this.liveness = liveness;
		this.ledger = ledger;
	}

	/**
	 * Which executions to list; every field may be null (no condition).
	 *
	 * @param from created at or after
	 * @param to created before
	 * @param parameter a parameter name, with {@code value}: executions launched with that value
	 */
	public record Filter(@Nullable String job, @Nullable BatchStatus status, @Nullable Instant from,
			@Nullable Instant to, @Nullable String parameter, @Nullable String value) {

		public static Filter none() {
			return new Filter(null, null, null, null, null, null);
		}

	}

	/**
	 * A page of executions, newest first.
	 * @param cursor the {@code next} of the page before, or null for the first page
	 * @throws OperationException INVALID for a malformed cursor or limit, NOT_FOUND for an unknown job
	 */
	public Page<Summary> list(Filter filter, @Nullable String cursor, int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw OperationException.invalid("limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
		}
		if (filter.job() != null) {
			this.catalog.job(filter.job());
		}
		if ((filter.parameter() == null) != (filter.value() == null)) {
			throw OperationException.invalid("a parameter filter needs both a name and a value");
		}
		Long before = (cursor != null) ? decode(cursor) : null;
		// the parameter filter is an array of ids, not EXISTS: an EXISTS under OR stays a filter on a scan of every
		// execution, newest first; the array is read once from its index, then probes the primary key
		List<Long> ids = this.jdbc.sql("""
				SELECT e.job_execution_id FROM batch_job_execution e
				JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				WHERE (CAST(:job AS text) IS NULL OR i.job_name = :job)
				  AND (CAST(:status AS text) IS NULL OR e.status = :status)
				  AND (CAST(:from AS timestamp) IS NULL OR e.create_time >= :from)
				  AND (CAST(:to AS timestamp) IS NULL OR e.create_time < :to)
				  AND (CAST(:parameter AS text) IS NULL OR e.job_execution_id = ANY(ARRAY(
				       SELECT p.job_execution_id FROM batch_job_execution_params p WHERE p.parameter_name = :parameter
				         AND left(p.parameter_value, 200) = left(:value, 200) AND p.parameter_value = :value)))
				  AND (CAST(:before AS bigint) IS NULL OR e.job_execution_id < :before)
				ORDER BY e.job_execution_id DESC LIMIT :limit""")
			.param("job", filter.job())
			.param("status", (filter.status() != null) ? filter.status().name() : null)
			// create_time is a local timestamp of the JVM that wrote it, as Spring Batch keeps it
			.param("from", local(filter.from()))
			.param("to", local(filter.to()))
			.param("parameter", filter.parameter())
			.param("value", filter.value())
			.param("before", before)
			.param("limit", limit + 1)
			.query(Long.class)
			.list();
		List<Summary> page = this.summaries.of(ids.subList(0, Math.min(limit, ids.size())));
		String next = (ids.size() > limit) ? encode(ids.get(limit - 1)) : null;
		return new Page<>(page, next);
	}

	/** @throws OperationException NOT_FOUND when there is no such execution */
	public Detail detail(long id) {
		JobExecution execution = this.executions.byId(id);
		Map<String, String> parameters = parameters(execution);
		List<Step> steps = execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparing((StepExecution s) -> s.getStartTime(), Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(StepExecution::getStepName))
			.map(ExecutionQueries::step)
			.toList();
		String rerunOf = parameters.get(FeedParameters.RERUN_OF);
		JobExecution last = this.repository.getLastJobExecution(execution.getJobInstance());
		boolean restartable = (last == null || last.getId() == id)
				&& (execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.STOPPED);
		return new Detail(summary(execution), execution.getExitStatus().getExitDescription(), parameters,
				previousParameters(execution), steps, progress(execution), owner(execution), failure(execution),
				failureTrace(execution), this.ledger.countsByReason(execution.getJobInstanceId()),
				(rerunOf != null) ? Long.valueOf(rerunOf) : null, reruns(id), restartable);
	}

	/** The live progress of an execution that runs, or null. */
	public @Nullable Progress progress(JobExecution execution) {
		if (!execution.getStatus().isRunning()) {
			return null;
		}
		List<StepExecution> running = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStatus().isRunning() && step.getStartTime() != null)
			.toList();
		if (running.isEmpty()) {
			return new Progress("starting", 0, 0, null, null);
		}
		// a partitioned step runs as several workers: their items add up
		StepExecution step = running.get(0);
		long items = running.stream().mapToLong(s -> Math.max(s.getReadCount(), s.getWriteCount())).sum();
		double seconds = Math.max(0.001, Duration.between(step.getStartTime(), LocalDateTime.now()).toMillis() / 1000.0);
		double rate = items / seconds;
		Long expected = null;
		Long eta = null;
		String file = execution.getJobParameters().getString(FeedParameters.FILE);
		// the line count is known only for a feed's load; the steps after it are short in comparison
		if (step.getStepName().equals("load") && file != null) {
			long lines = LineEstimate.of(Path.of(file));
			if (lines > 0) {
				expected = lines;
				eta = (rate > 0 && lines > items) ? Math.round((lines - items) / rate) : 0L;
			}
		}
		String name = (running.size() > 1) ? step.getStepName().replaceAll(":.*", "") : step.getStepName();
		return new Progress(name, items, rate, expected, eta);
	}

	private @Nullable Owner owner(JobExecution execution) {
		return this.owners.owner(execution.getId()).map(owner -> {
			String gone = this.liveness.whyGone(owner);
			boolean alive = (gone == null) || this.owners.runsHere(execution.getId());
			return new Owner(owner.instanceId().toString(), owner.host(), owner.pid(), owner.heartbeatAge().toSeconds(),
					alive, alive ? "alive" : gone);
		}).orElse(null);
	}

	/** The executions launched to re-run this one's rejects. */
	private List<Long> reruns(long id) {
		return this.jdbc.sql("""
				SELECT job_execution_id FROM batch_job_execution_params
				WHERE parameter_name = ? AND left(parameter_value, 200) = ? AND parameter_value = ?
				ORDER BY job_execution_id""")
			.params(FeedParameters.RERUN_OF, Long.toString(id), Long.toString(id))
			.query(Long.class)
			.list();
	}

	/** The parameters of the job's execution before this one, to show what changed. */
	private Map<String, String> previousParameters(JobExecution execution) {
		return this.jdbc.sql("""
				SELECT e.job_execution_id FROM batch_job_execution e
				JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				WHERE i.job_name = ? AND e.job_execution_id < ? ORDER BY e.job_execution_id DESC LIMIT 1""")
			.params(execution.getJobInstance().getJobName(), execution.getId())
			.query(Long.class)
			.optional()
			.map(this::find)
			.map(ExecutionQueries::parameters)
			.orElse(Map.of());
	}

	private @Nullable JobExecution find(long id) {
		try {
			return this.repository.getJobExecution(id);
		}
		catch (org.springframework.dao.EmptyResultDataAccessException ex) {
			return null;
		}
	}

	static Summary summary(JobExecution execution) {
		String file = execution.getJobParameters().getString(FeedParameters.FILE);
		return new Summary(execution.getId(), execution.getJobInstance().getJobName(), execution.getJobInstanceId(),
				execution.getStatus().name(), execution.getExitStatus().getExitCode(), instant(execution.getCreateTime()),
				instant(execution.getStartTime()), instant(execution.getEndTime()),
				seconds(execution.getStartTime(), execution.getEndTime()), FeedSummary.of(execution).counts(), file);
	}

	private static Step step(StepExecution step) {
		Map<String, Long> counts = new TreeMap<>();
		step.getExecutionContext().entrySet().forEach(entry -> {
			if (entry.getKey().startsWith("summary.") && entry.getValue() instanceof Number number) {
				counts.put(entry.getKey().substring("summary.".length()), number.longValue());
			}
		});
		return new Step(step.getStepName(), step.getStatus().name(), step.getExitStatus().getExitCode(),
				firstLine(step.getExitStatus().getExitDescription()), step.getReadCount(), step.getWriteCount(),
				step.getFilterCount(), step.getCommitCount(), step.getRollbackCount(), instant(step.getStartTime()),
				instant(step.getEndTime()), seconds(step.getStartTime(), step.getEndTime()), counts);
	}

	static Map<String, String> parameters(JobExecution execution) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (JobParameter<?> parameter : execution.getJobParameters()) {
			parameters.put(parameter.name(), String.valueOf(parameter.value()));
		}
		return parameters;
	}

	/** The cause of a failure in one line: the failed step's first line, without an exception class of ours. */
	static @Nullable String failure(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			String description = execution.getExitStatus().getExitDescription();
			return description.isBlank() ? null : firstLine(description);
		}
		if (!execution.getAllFailureExceptions().isEmpty()) {
			return rootMessage(execution.getAllFailureExceptions().get(0));
		}
		String trace = failureTrace(execution);
		if (trace == null) {
			String description = execution.getExitStatus().getExitDescription();
			return description.isBlank() ? null : firstLine(description);
		}
		String line = firstLine(trace);
		// "io.ambar.feed.FeedFileException: feed.csv line 3: ..." -> "feed.csv line 3: ..."
		return line.replaceFirst("^(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ", "");
	}

	/** A feed's own refusal says what is wrong with the file; anything else by its root cause. */
	private static String rootMessage(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof FeedFileException) {
				return t.getMessage();
			}
		}
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	/** The stack trace the failed step (or the job) recorded, for a collapsed view; null when none. */
	static @Nullable String failureTrace(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStatus() == BatchStatus.FAILED || step.getStatus() == BatchStatus.UNKNOWN)
			.map(step -> step.getExitStatus().getExitDescription())
			.filter(description -> !description.isBlank())
			.findFirst()
			.orElse(execution.getExitStatus().getExitDescription().contains("\tat ")
					? execution.getExitStatus().getExitDescription() : null);
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		return (newline < 0) ? text : text.substring(0, newline);
	}

	private static @Nullable Instant instant(@Nullable LocalDateTime time) {
		return (time != null) ? time.atZone(ZoneId.systemDefault()).toInstant() : null;
	}

	private static @Nullable Timestamp local(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneId.systemDefault())) : null;
	}

	private static @Nullable Double seconds(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
		if (start == null) {
			return null;
		}
		return Duration.between(start, (end != null) ? end : LocalDateTime.now()).toMillis() / 1000.0;
	}

	private static String encode(long id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("e:" + id).getBytes(StandardCharsets.UTF_8));
	}

	private static long decode(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (text.startsWith("e:")) {
				return Long.parseLong(text.substring(2));
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw OperationException.invalid("malformed cursor '" + cursor + "'");
	}

}
