package io.ambar.metrics;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.ambar.feed.FeedSummary;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * The log of a run: the execution id, job and step in the MDC while they run (on partition workers' threads too),
 * one INFO line per step and per job with its counts and rows/s, and one DEBUG line per chunk written. Put on every
 * job and step, in every process (a CLI command logs to its file).
 */
class RunLog implements JobExecutionListener, StepExecutionListener, ItemWriteListener<Object> {

	/** MDC key: the job execution's id. */
	static final String EXECUTION_ID = "executionId";

	/** MDC key: the job's name. */
	static final String JOB = "job";

	/** MDC key: the step's name. */
	static final String STEP = "step";

	private static final Log logger = LogFactory.getLog(RunLog.class);

	/** The MDC as it was before each step of this thread, restored after it. */
	private final ThreadLocal<Deque<Map<String, @Nullable String>>> saved = ThreadLocal.withInitial(ArrayDeque::new);

	private final ThreadLocal<Long> writeStarted = new ThreadLocal<>();

	@Override
	public void beforeJob(JobExecution execution) {
		MDC.put(EXECUTION_ID, String.valueOf(execution.getId()));
		MDC.put(JOB, execution.getJobInstance().getJobName());
	}

	@Override
	public void afterJob(JobExecution execution) {
		try {
			if (logger.isInfoEnabled()) {
				logger.info(jobLine(execution));
			}
		}
		finally {
			MDC.remove(EXECUTION_ID);
			MDC.remove(JOB);
			MDC.remove(STEP);
		}
	}

	@Override
	public void beforeStep(StepExecution step) {
		Map<String, @Nullable String> before = new HashMap<>();
		for (String key : new String[] { EXECUTION_ID, JOB, STEP }) {
			before.put(key, MDC.get(key));
		}
		this.saved.get().push(before);
		MDC.put(EXECUTION_ID, String.valueOf(step.getJobExecutionId()));
		MDC.put(JOB, step.getJobExecution().getJobInstance().getJobName());
		MDC.put(STEP, step.getStepName());
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution step) {
		try {
			if (logger.isInfoEnabled()) {
				logger.info(stepLine(step));
			}
		}
		finally {
			Deque<Map<String, @Nullable String>> stack = this.saved.get();
			Map<String, @Nullable String> before = stack.isEmpty() ? Map.of() : stack.pop();
			for (String key : new String[] { EXECUTION_ID, JOB, STEP }) {
				String value = before.get(key);
				if (value != null) {
					MDC.put(key, value);
				}
				else {
					MDC.remove(key);
				}
			}
			if (stack.isEmpty()) {
				this.saved.remove();
			}
		}
		return null;
	}

	@Override
	public void beforeWrite(Chunk<?> items) {
		if (logger.isDebugEnabled()) {
			this.writeStarted.set(System.nanoTime());
		}
	}

	@Override
	public void afterWrite(Chunk<?> items) {
		Long started = this.writeStarted.get();
		if (started != null) {
			this.writeStarted.remove();
			var context = StepSynchronizationManager.getContext();
			String where = (context != null) ? context.getStepExecution().getStepName() + " of execution "
					+ context.getStepExecution().getJobExecutionId() : "a step";
			logger.debug(String.format(Locale.ROOT, "Wrote a chunk of %d items in %.1f ms (%s)", items.size(),
					(System.nanoTime() - started) / 1e6, where));
		}
	}

	@Override
	public void onWriteError(Exception exception, Chunk<?> items) {
		this.writeStarted.remove();
	}

	static String stepLine(StepExecution step) {
		double seconds = seconds(step.getStartTime(), step.getEndTime());
		long items = Math.max(step.getReadCount(), step.getWriteCount());
		return String.format(Locale.ROOT,
				"Step %s of %s (execution %d) %s in %.1f s: read %d, written %d, filtered %d, skipped %d, commits %d,"
						+ " %s rows/s",
				step.getStepName(), step.getJobExecution().getJobInstance().getJobName(), step.getJobExecutionId(),
				step.getStatus(), seconds, step.getReadCount(), step.getWriteCount(), step.getFilterCount(),
				step.getSkipCount(), step.getCommitCount(), rate(items, seconds));
	}

	static String jobLine(JobExecution execution) {
		double seconds = seconds(execution.getStartTime(), execution.getEndTime());
		Map<String, Long> counts = FeedSummary.of(execution).counts();
		long items = counts.containsKey(FeedSummary.READ) ? counts.get(FeedSummary.READ)
				: execution.getStepExecutions().stream().mapToLong(StepExecution::getReadCount).sum();
		String summary = counts.isEmpty() ? "no counts"
				: counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
		return String.format(Locale.ROOT, "Job %s (execution %d) %s, exit %s, in %.1f s: %s; %s rows/s",
				execution.getJobInstance().getJobName(), execution.getId(), execution.getStatus(),
				execution.getExitStatus().getExitCode(), seconds, summary, rate(items, seconds));
	}

	private static double seconds(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
		if (start == null) {
			return 0;
		}
		return Duration.between(start, (end != null) ? end : LocalDateTime.now()).toMillis() / 1000.0;
	}

	private static String rate(long items, double seconds) {
		return (seconds > 0) ? String.format(Locale.ROOT, "%,.0f", items / seconds) : "-";
	}

}
