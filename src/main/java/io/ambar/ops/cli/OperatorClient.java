package io.ambar.ops.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ambar.ops.AuditLog;
import io.ambar.ops.ExecutionQueries;
import io.ambar.ops.ExecutionViews.Detail;
import io.ambar.ops.ExecutionViews.Page;
import io.ambar.ops.ExecutionViews.Summary;
import io.ambar.ops.JobOverview.JobDetail;
import io.ambar.ops.JobOverview.JobState;
import io.ambar.ops.RejectQueries;
import io.ambar.ops.Schedules;
import org.jspecify.annotations.Nullable;

/**
 * What the operator commands ask of Ambar, answered in-process by the operations layer or over HTTP by a running
 * server: the same records either way, so each command is written once. Refusals come as
 * {@link io.ambar.ops.OperationException}s.
 */
public interface OperatorClient {

	List<JobState> jobs();

	JobDetail job(String name);

	Page<Summary> executions(ExecutionQueries.Filter filter, @Nullable String cursor, int limit);

	Detail execution(long id);

	/**
	 * Waits up to {@code max} for a running execution to change: here, a poll's pause. The in-process client
	 * returns as soon as the run ends.
	 */
	default void awaitChange(long id, Duration max) throws InterruptedException {
		Thread.sleep(max.toMillis());
	}

	/** Launches a run in the background and returns its execution id. */
	long launch(String job, Map<String, String> parameters);

	/** Restarts in the background. */
	Started restart(long id);

	String stop(long id);

	String abandon(long id);

	String recover(long id);

	RejectQueries.Rejects rejects(long id, long after, int limit);

	/** Writes every reject as CSV to the file. */
	RejectQueries.CsvWritten rejectsCsv(long id, Path file) throws IOException;

	/** Writes the rejects as a feed to fix and re-run to the file. */
	RejectQueries.AsFeed rejectsFeed(long id, Path file) throws IOException;

	List<AuditLog.Entry> audit(@Nullable Long before, int limit);

	List<Schedules.Schedule> schedules();

	String pause(String schedule);

	String resume(String schedule);

	String trigger(String schedule);

	/**
	 * An execution started.
	 *
	 * @param note what was done first, in words (an orphan marked FAILED), or null
	 */
	record Started(long id, @Nullable String note) {
	}

}
