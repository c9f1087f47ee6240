package io.ambar.bench;

import org.jspecify.annotations.Nullable;

/**
 * One contender's run of one scenario: how many feed rows it applied, in what time, with what peak heap, and whether
 * it left the same catalogue as the reference; or why it did not run.
 *
 * @param endState {@code reference}, {@code same}, {@code DIFFERS} or {@code sample} (a partial run, not compared)
 * @param problem why there is no timing (job not present, failure); null when measured
 */
record Measurement(Contender contender, String label, long rows, long nanos, long peakHeapBytes, String endState,
		@Nullable String problem) {

	static Measurement notRun(Contender contender, String label, String problem) {
		return new Measurement(contender, label, 0, 0, 0, "", problem);
	}

	boolean measured() {
		return this.problem == null;
	}

	double seconds() {
		return this.nanos / 1e9;
	}

	double rowsPerSecond() {
		return this.rows / seconds();
	}

}
