package io.ambar.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Runs a job launch (or restart) to its end on a worker thread and, on a terminal, redraws one progress line per second:
 * the running step, items, rows/s and, where the step's total is known, an ETA.
 */
@Component
class ForegroundRun {

	private final ExecutionOwners owners;

	ForegroundRun(ExecutionOwners owners) {
		this.owners = owners;
	}

	/**
	 * Runs the launch and returns the execution it returns.
	 * @param expectedLines the feed's estimated line count for the ETA, 0 if unknown
	 * @throws Exception what the launch threw
	 */
	<T> T run(Callable<T> launch, long expectedLines) throws Exception {
		boolean terminal = System.console() != null;
		PrintStream err = System.err;
		ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "ambar-job"));
		try {
			Future<T> done = worker.submit(launch);
			while (true) {
				try {
					T result = done.get(1, TimeUnit.SECONDS);
					if (terminal) {
						err.print("\r\033[K");
					}
					return result;
				}
				catch (TimeoutException stillRunning) {
					if (terminal) {
						this.owners.running().stream().findFirst().ifPresent(e -> err.print("\r\033[K" + progress(e, expectedLines)));
					}
				}
				catch (ExecutionException ex) {
					throw (ex.getCause() instanceof Exception cause) ? cause : ex;
				}
			}
		}
		finally {
			worker.shutdownNow();
		}
	}

	static String progress(JobExecution execution, long expectedLines) {
		List<StepExecution> running = execution.getStepExecutions()
			.stream()
			.filter(s -> s.getStatus().isRunning() && s.getStartTime() != null)
			.toList();
		if (running.isEmpty()) {
			return execution.getJobInstance().getJobName() + " " + execution.getId() + ": starting";
		}
		// a partitioned step runs as several workers (apply-range:partitionN): their items add up
		StepExecution step = running.get(0);
		long items = running.stream().mapToLong(s -> Math.max(s.getReadCount(), s.getWriteCount())).sum();
		if (items == 0) {
			return String.format(Locale.ROOT, "%s %d: %s ...", execution.getJobInstance().getJobName(),
					execution.getId(), step.getStepName());
		}
		double seconds = Math.max(0.001, Duration.between(step.getStartTime(), LocalDateTime.now()).toMillis() / 1000.0);
		double rate = items / seconds;
		// the line count is known only for the load step; the steps after it are short in comparison
		String eta = (step.getStepName().equals("load") && expectedLines > items && rate > 0)
				? String.format(Locale.ROOT, ", ETA %ds", Math.round((expectedLines - items) / rate)) : "";
		return String.format(Locale.ROOT, "%s %d: %s %,d items, %,.0f rows/s%s", execution.getJobInstance().getJobName(),
				execution.getId(), step.getStepName(), items, rate, eta);
	}

}
