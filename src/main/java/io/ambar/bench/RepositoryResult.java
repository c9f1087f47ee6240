package io.ambar.bench;

import java.util.List;
import java.util.Map;

/**
 * What the repository scenario measured.
 *
 * @param pastExecutions the executions inserted for the large repository
 * @param pastRows the rows they made in all tables (steps, contexts, parameters, rejects, claims, audit)
 * @param seedSeconds how long inserting them took
 * @param smallExecutions the past executions of the small repository
 * @param repetitions the timings each median is taken of
 * @param timings each operation's median, small against large
 * @param housekeepingSeconds how long the housekeeping job took on the large repository, at its default ages
 * @param housekeepingCounts what it deleted, from its summary
 */
record RepositoryResult(int pastExecutions, long pastRows, double seedSeconds, int smallExecutions, int repetitions,
		List<Timing> timings, double housekeepingSeconds, Map<String, Long> housekeepingCounts) {

	/** One operation's median milliseconds on the small and on the large repository. */
	record Timing(String operation, double smallMillis, double largeMillis) {

		double ratio() {
			return this.largeMillis / this.smallMillis;
		}

	}

}
