package io.ambar.bench;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One contender's runs of one scenario, each from the same starting catalogue: how many feed rows it applied, in
 * what times, with what peak heap, and whether it left the same catalogue as the reference; or why it did not run.
 *
 * @param nanos each run's time, sorted
 * @param peakHeapBytes the highest used heap of the bench's JVM over the runs; 0 for a contender run as a process
 * @param endState {@code reference}, {@code same}, {@code DIFFERS} or {@code sample} (a partial run, not compared)
 * @param steps Ambar's step times of its last run ({@code load 1.2 s, ...}); null for the others
 * @param problem why there is no timing (job not present, failure); null when measured
 */
record Measurement(Contender contender, String label, long rows, long[] nanos, long peakHeapBytes, String endState,
		@Nullable String steps, @Nullable String problem) {

	Measurement {
		nanos = nanos.clone();
		Arrays.sort(nanos);
	}

	static Measurement notRun(Contender contender, String label, String problem) {
		return new Measurement(contender, label, 0, new long[0], 0, "", null, problem);
	}

	boolean measured() {
		return this.problem == null;
	}

	int runs() {
		return this.nanos.length;
	}

	/** The median run, in seconds (the mean of the two middle runs for an even count). */
	double seconds() {
		return Timings.medianSeconds(this.nanos);
	}

	double minSeconds() {
		return this.nanos[0] / 1e9;
	}

	double maxSeconds() {
		return this.nanos[this.nanos.length - 1] / 1e9;
	}

	double rowsPerSecond() {
		return this.rows / seconds();
	}

}
