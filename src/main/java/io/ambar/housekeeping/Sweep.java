package io.ambar.housekeeping;

import java.time.Instant;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What one housekeeping step deletes: what is older than a cutoff and not kept, a bounded chunk at a time, each
 * chunk in the caller's transaction. A sweep keeps no state of its own between chunks, so a step killed anywhere
 * resumes by sweeping again.
 */
interface Sweep {

	/**
	 * Prepares a step execution's sweep; what it computes goes into the step's context.
	 * @param state the step execution's context
	 */
	default void prepare(ExecutionContext state) {
	}

	/**
	 * Deletes at most {@code limit} of what is older than the cutoff.
	 * @param state the step execution's context, as {@link #prepare} left it
	 * @return how many went, and whether more may be left
	 */
	Swept sweep(Instant cutoff, int limit, ExecutionContext state);

	/** How many a sweep would delete now; deletes nothing. */
	long count(Instant cutoff, ExecutionContext state);

	/**
	 * One chunk's work.
	 *
	 * @param deleted what went, in the unit the step counts (executions, rows, tables, files)
	 * @param more whether the chunk was full, so more may be left
	 */
	record Swept(long deleted, boolean more) {
	}

}
