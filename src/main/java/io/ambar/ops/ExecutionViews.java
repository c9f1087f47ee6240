package io.ambar.ops;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What operators read about executions, the same for every face: the CLI prints these records as tables or JSON,
 * the API returns them as JSON, the console renders them.
 */
public final class ExecutionViews {

	private ExecutionViews() {
	}

	/**
	 * One execution in a list.
	 *
	 * @param counts the run's counts: read, applied, unchanged, stale, superseded, rejected, ... (feed jobs)
	 */
	public record Summary(long id, String job, long instanceId, String status, String exitCode, @Nullable Instant created,
			@Nullable Instant started, @Nullable Instant ended, @Nullable Double seconds, Map<String, Long> counts,
			@Nullable String file) {
	}

	/** An execution with everything an operator needs to understand it. */
	public record Detail(Summary summary, String exitDescription, Map<String, String> parameters,
			Map<String, String> previousParameters, List<Step> steps, @Nullable Progress progress, @Nullable Owner owner,
			@Nullable String failure, @Nullable String failureTrace, Map<String, Long> rejectsByReason,
			@Nullable Long rerunOf, List<Long> reruns, boolean restartable) {
	}

	/** One step execution; partitioned steps show each partition as a step ({@code apply-range:partition0}). */
	public record Step(String name, String status, String exitCode, String exitDescription, long read, long written,
			long filtered, long commits, long rollbacks, @Nullable Instant started, @Nullable Instant ended,
			@Nullable Double seconds, Map<String, Long> counts) {
	}

	/**
	 * The live progress of a running execution: its running step(s), items committed, rows/s and, where the total
	 * is known (the load of a feed), an ETA.
	 */
	public record Progress(String step, long items, double rowsPerSecond, @Nullable Long expectedItems,
			@Nullable Long etaSeconds) {
	}

	/** The instance that runs (or ran) an execution, and whether it is alive. */
	public record Owner(String instanceId, String host, long pid, long heartbeatAgeSeconds, boolean alive,
			String liveness) {
	}

	/**
	 * An execution marked running, with its live progress and whether its owner is alive.
	 *
	 * @param liveness RUNNING, STARTING or ORPHANED
	 * @param why the liveness in words: where it runs, or why its owner is taken for gone
	 */
	public record Running(Summary summary, @Nullable Progress progress, ExecutionLiveness.State liveness, String why) {
	}

	/**
	 * An execution marked running whose owner is gone, and what automatic recovery will do with it.
	 *
	 * @param why why its owner is taken for gone
	 * @param recovery what will become of it, in words: restarted and when, or left to an operator and why
	 */
	public record Orphan(Summary summary, String why, String recovery) {
	}

	/** One page of a list, newest first, with the opaque cursor of the next page (null after the last). */
	public record Page<T>(List<T> items, @Nullable String next) {
	}

}
