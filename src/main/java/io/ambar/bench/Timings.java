package io.ambar.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The bench's summary of repeated timings: the median, with min and max beside it, as the machines are noisy.
 */
final class Timings {

	private Timings() {
	}

	/** The median of the nanosecond timings, in seconds; the mean of the two middle ones for an even count. */
	static double medianSeconds(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return ((n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0) / 1e9;
	}

	/** {@code 1.23 (1.20–1.31)}, or just {@code 1.23} for one run. */
	static String secondsWithRange(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		String median = String.format(Locale.ROOT, "%.2f", medianSeconds(sorted));
		return (sorted.length < 2) ? median
				: String.format(Locale.ROOT, "%s (%.2f–%.2f)", median, sorted[0] / 1e9, sorted[sorted.length - 1] / 1e9);
	}

}
