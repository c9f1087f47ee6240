package io.ambar.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;


import io.ambar.feed.FeedFileException;
import io.ambar.feed.FeedSummary;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * What an operator reads after a run: execution id, status, the counts, duration and rows/s, and on failure the
 * cause (file, line, reason for a refused feed).
 */
final class ExecutionReport {

	private ExecutionReport() {
	}

	static void print(JobExecution execution, PrintStream out) {
		String exitCode = execution.getExitStatus().getExitCode();
		out.printf("%s execution %d: %s%s%n", execution.getJobInstance().getJobName(), execution.getId(),
				execution.getStatus(), exitCode.equals(execution.getStatus().name()) ? "" : " (" + exitCode + ")");
		String file = execution.getJobParameters().getString("file");
		if (file != null) {
			out.println("  file        " + file);
		}
		Map<String, Long> counts = FeedSummary.of(execution).counts();
		counts.forEach((key, count) -> out.printf(Locale.ROOT, "  %-11s %,d%n", key.startsWith("rejected.") ? "  " + key.substring(9) : key, count));
		if (execution.getStartTime() != null && execution.getEndTime() != null) {
			Duration duration = Duration.between(execution.getStartTime(), execution.getEndTime());
			double seconds = Math.max(0.001, duration.toMillis() / 1000.0);
			long read = counts.getOrDefault(FeedSummary.READ, 0L);
			out.printf(Locale.ROOT, "  duration    %.1f s%s%n", seconds,
					(read > 0) ? String.format(Locale.ROOT, ", %,.0f rows/s", read / seconds) : "");
		}
		String reason = failure(execution);
		if (reason != null) {
			out.println("  reason      " + reason);
		}
		if (counts.getOrDefault(FeedSummary.REJECTED, 0L) > 0) {
			out.println("  rejects     java -jar ambar.jar rejects " + execution.getId());
		}
		if (execution.getStatus() == BatchStatus.FAILED) {
			out.println("  restart     java -jar ambar.jar restart " + execution.getId());
		}
	}

	/** Why the execution ended as it did, or null when it completed normally. */
	static String failure(JobExecution execution) {
		String exitCode = execution.getExitStatus().getExitCode();
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			String description = execution.getExitStatus().getExitDescription();
			return (exitCode.equals("COMPLETED") || description.isBlank()) ? alreadyApplied(execution) : description;
		}
		return execution.getAllFailureExceptions()
			.stream()
			.findFirst()
			.map(ExecutionReport::rootMessage)
			.orElse(execution.getExitStatus().getExitDescription().lines().findFirst().orElse(exitCode));
	}

	private static String alreadyApplied(JobExecution execution) {
		Object by = execution.getExecutionContext().get("feed.already-applied-by");
		return (by != null) ? "already applied by execution " + by + "; nothing to do (force=true applies it again)" : null;
	}

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


}
