package io.ambar.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.ambar.feed.FeedParameters;
import io.ambar.feed.FeedSummary;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code executions [--job NAME] [--status STATUS] [--limit N]}: the latest job executions, newest first, with
 * their status, timing and feed counts.
 */
@Component
class ExecutionsCommand implements AmbarCommand {

	static final int DEFAULT_LIMIT = 20;

	private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	private static final String ROW = "%6s  %-14s  %-9s  %-15s  %-19s  %9s  %10s  %10s  %9s  %s%n";

	private final JobCatalog jobs;

	private final JobRepository repository;

	private final JdbcClient jdbc;

	ExecutionsCommand(JobCatalog jobs, JobRepository repository, JdbcClient jdbc) {
		this.jobs = jobs;
		this.repository = repository;
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "executions";
	}

	@Override
	public String usage() {
		return "[--job NAME] [--status STATUS] [--limit N]  list the latest executions, newest first";
	}

	@Override
	public int run(List<String> args, PrintStream out) {
		CommandArguments arguments = CommandArguments.parse(args, Set.of("job", "status", "limit"));
		if (!arguments.positional().isEmpty()) {
			throw new UsageException("unexpected '" + arguments.positional().get(0) + "'; usage: executions " + usage());
		}
		String job = arguments.option("job");
		if (job != null) {
			this.jobs.job(job);
		}
		BatchStatus status = status(arguments.option("status"));
		int limit = limit(arguments.option("limit"));
		List<JobExecution> executions = latest(job, status, limit);
		if (executions.isEmpty()) {
			out.println("no executions");
			return OK;
		}
		out.printf(Locale.ROOT, ROW, "ID", "JOB", "STATUS", "EXIT CODE", "START", "DURATION", "READ", "APPLIED",
				"REJECTED", "FILE");
		executions.forEach(execution -> out.print(row(execution)));
		return OK;
	}

	/**
	 * The ids come from one query, as the repository can only list executions per job instance; the executions
	 * themselves are read through the repository.
	 */
	private List<JobExecution> latest(@Nullable String job, @Nullable BatchStatus status, int limit) {
		return this.jdbc.sql("""
				SELECT e.job_execution_id FROM batch_job_execution e
				JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				WHERE (CAST(:job AS text) IS NULL OR i.job_name = :job)
				AND (CAST(:status AS text) IS NULL OR e.status = :status)
				ORDER BY e.job_execution_id DESC LIMIT :limit""")
			.param("job", job)
			.param("status", (status != null) ? status.name() : null)
			.param("limit", limit)
			.query(Long.class)
			.list()
			.stream()
			.map(this.repository::getJobExecution)
			.filter(Objects::nonNull)
			.toList();
	}

	static String row(JobExecution execution) {
		Map<String, Long> counts = FeedSummary.of(execution).counts();
		String file = execution.getJobParameters().getString(FeedParameters.FILE);
		LocalDateTime start = execution.getStartTime();
		return String.format(Locale.ROOT, ROW, execution.getId(), execution.getJobInstance().getJobName(),
				execution.getStatus(), execution.getExitStatus().getExitCode(), (start != null) ? START.format(start) : "-",
				duration(execution), count(counts, FeedSummary.READ), count(counts, FeedSummary.APPLIED),
				count(counts, FeedSummary.REJECTED), (file != null) ? file : "");
	}

	private static String duration(JobExecution execution) {
		LocalDateTime start = execution.getStartTime();
		if (start == null) {
			return "-";
		}
		LocalDateTime end = (execution.getEndTime() != null) ? execution.getEndTime() : LocalDateTime.now();
		return String.format(Locale.ROOT, "%.1f s", Duration.between(start, end).toMillis() / 1000.0);
	}

	private static String count(Map<String, Long> counts, String key) {
		Long count = counts.get(key);
		return (count != null) ? String.format(Locale.ROOT, "%,d", count) : "-";
	}

	private static @Nullable BatchStatus status(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return BatchStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("unknown status '" + text + "' (statuses: " + List.of(BatchStatus.values()) + ")");
		}
	}

	private static int limit(@Nullable String text) {
		if (text == null) {
			return DEFAULT_LIMIT;
		}
		try {
			int limit = Integer.parseInt(text.strip());
			if (limit > 0) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException("--limit must be a positive whole number, not '" + text + "'");
	}

}
