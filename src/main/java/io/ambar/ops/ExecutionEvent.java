package io.ambar.ops;

/**
 * Something the operations layer did to an execution that monitoring counts, published as a Spring application
 * event: the operations layer knows nothing of metrics, and a process where nobody listens (a CLI command) works
 * the same.
 *
 * @param kind what was done
 * @param job the execution's job
 * @param executionId the execution it was done to (never a metric tag)
 */
public record ExecutionEvent(Kind kind, String job, long executionId) {

	/** What was done to an execution. */
	public enum Kind {

		/** An orphaned running, or an UNKNOWN, execution marked FAILED (by an operator or automatic recovery). */
		RECOVERED,

		/** A recovered execution restarted by automatic recovery. */
		RESTARTED_AUTOMATICALLY,

		/** An execution given up for good. */
		ABANDONED

	}

}
