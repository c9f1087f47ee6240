package io.ambar.bench;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The bench's results as Markdown, ready to paste into the README: the machine, then one table per scenario, and
 * the repository scenario's table when it ran.
 */
final class MarkdownReport {

	private MarkdownReport() {
	}

	static String render(Machine machine, List<ScenarioResult> results, @Nullable RepositoryResult repository) {
		StringBuilder md = new StringBuilder();
		md.append("## Ambar bench\n\n")
			.append(String.format(Locale.ROOT, "- Machine: %d cores, %s, max heap %,d MB%n", machine.cores(),
					machine.jvm(), machine.maxHeapMegabytes()))
			.append("- Database: ").append(machine.postgres()).append('\n')
			.append("- Command: `").append(machine.commandLine()).append("`\n");
		for (ScenarioResult result : results) {
			md.append(String.format(Locale.ROOT, "%n### %s (%,d feed lines)%n%nStarting catalogue: %s.%n%n",
					result.scenario().title(), result.rows(), result.start()));
			md.append("| contender | rows | seconds | rows/s | vs (a) | vs (b) | peak heap (MB) | end state |\n")
				.append("|---|--:|--:|--:|--:|--:|--:|---|\n");
			Measurement raw = find(result, Contender.RAW);
			Measurement plain = find(result, Contender.PLAIN);
			for (Measurement m : result.measurements()) {
				if (!m.measured()) {
					md.append("| ").append(m.label()).append(" | ").append(m.problem()).append(" | | | | | | |\n");
					continue;
				}
				md.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %,.0f | %s | %s | %,d | %s |%n", m.label(),
						m.rows(), m.seconds(), m.rowsPerSecond(), ratio(m, raw), ratio(m, plain),
						m.peakHeapBytes() >> 20, m.endState()));
			}
		}
		if (!results.isEmpty()) {
			md.append(NOTES);
		}
		if (repository != null) {
			md.append(repository(repository));
		}
		return md.toString();
	}

	private static final String NOTES = """

				Notes: "vs (a)" and "vs (b)" are rows/s divided by the rows/s of (a) and (b): 0.50x is half as fast.
				The catalogue is restored to the scenario's start (TRUNCATE, reload, VACUUM ANALYZE, CHECKPOINT) before
				each contender, outside the timing. Peak heap is the used heap sampled every 10 ms after a System.gc(),
				uncollected garbage included; run with a small -Xmx to see what a contender needs. End state compares a
				digest of every product's feed-owned columns and stock with the first contender's ("reference");
				(d) applies only the first rows of the feed ("sample"). Feeds are generated, seeded, in shuffled
				SKU order, without duplicates; (a) copies the JSONL lines themselves and extracts fields with ->>.
				""";

	static String repository(RepositoryResult result) {
		StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
				"%n### R1 repository: launch and list with %,d past executions%n%n", result.pastExecutions()));
		md.append(String.format(Locale.ROOT, "Milliseconds, median of %d after a warm-up, through the operations layer"
				+ " (JobLaunches, ExecutionQueries) as the CLI uses it.%n%n", result.repetitions()))
			.append(String.format(Locale.ROOT, "| operation | %,d executions (one page) | %,d past executions | ratio |%n",
					result.smallExecutions(), result.pastExecutions()))
			.append("|---|--:|--:|--:|\n");
		for (RepositoryResult.Timing timing : result.timings()) {
			md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2fx |%n", timing.operation(),
					timing.smallMillis(), timing.largeMillis(), timing.ratio()));
		}
		md.append(String.format(Locale.ROOT, "%nThe %,d past executions (%,d rows with their steps, contexts, parameters,"
				+ " rejects, claims and audit rows, spread over a year) were inserted in %.1f s. Housekeeping at its"
				+ " default ages then took %.1f s and deleted: %s.%n", result.pastExecutions(), result.pastRows(),
				result.seedSeconds(), result.housekeepingSeconds(), counts(result)));
		return md.toString();
	}

	/** The console's page timings as a table, against the 200 ms target. */
	static String console(Machine machine, ConsoleBench.Result result) {
		StringBuilder md = new StringBuilder();
		md.append("## Ambar bench: console pages\n\n")
			.append(String.format(Locale.ROOT, "- Machine: %d cores, %s, max heap %,d MB%n", machine.cores(),
					machine.jvm(), machine.maxHeapMegabytes()))
			.append("- Database: ").append(machine.postgres()).append('\n')
			.append("- Command: `").append(machine.commandLine()).append("`\n")
			.append(String.format(Locale.ROOT,
					"- Repository: %,d job executions (%,d step executions), %,d of them inserted in %.1f s%n",
					result.executions(), result.steps(), result.inserted(), result.seedSeconds()));
		md.append(String.format(Locale.ROOT, "%n| page | URL | median of %d (ms) | max (ms) | within 200 ms |%n",
				result.requests()))
			.append("|---|---|--:|--:|---|\n");
		for (ConsoleBench.PageTiming page : result.pages()) {
			String path = page.path().replaceAll("cursor=[^&]+", "cursor=…");
			if (!page.measured()) {
				md.append("| ").append(page.page()).append(" | `").append(path).append("` | ")
					.append(page.problem()).append(" | | no |\n");
				continue;
			}
			md.append(String.format(Locale.ROOT, "| %s | `%s` | %.1f | %.1f | %s |%n", page.page(), path, page.median(),
					page.max(), (page.median() <= ConsoleBench.TARGET_MILLIS) ? "yes" : "no"));
		}
		md.append("""

				Notes: each page is requested over HTTP on this machine by a logged-in operator, twice to warm up, then
				timed to the last byte of its answer, one request at a time; "within 200 ms" compares the median. The
				past executions are those of the repository scenario (copies of a real stock-update run, a year of them);
				the execution timed has 10,000 rejected lines, and three executions are orphans.
				""");
		return md.toString();
	}

	private static String counts(RepositoryResult result) {
		StringBuilder counts = new StringBuilder();
		result.housekeepingCounts()
			.forEach((key, count) -> counts.append((counts.length() > 0) ? ", " : "")
				.append(String.format(Locale.ROOT, "%s %,d", key, count)));
		return counts.toString();
	}

	private static @Nullable Measurement find(ScenarioResult result, Contender contender) {
		return result.measurements()
			.stream()
			.filter(m -> m.contender() == contender && m.measured())
			.findFirst()
			.orElse(null);
	}

	private static String ratio(Measurement m, @Nullable Measurement base) {
		return (base == null) ? "" : String.format(Locale.ROOT, "%.2fx", m.rowsPerSecond() / base.rowsPerSecond());
	}

}
