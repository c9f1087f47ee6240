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

	static String render(Machine machine, List<ScenarioResult> results, List<StartupBench.Timing> startup,
			@Nullable RepositoryResult repository) {
		StringBuilder md = new StringBuilder();
		md.append("## Ambar bench\n\n")
			.append(String.format(Locale.ROOT, "- Machine: %d cores, %s, max heap %,d MB%n", machine.cores(),
					machine.jvm(), machine.maxHeapMegabytes()))
			.append("- Database: ").append(machine.postgres()).append('\n')
			.append("- Command: `").append(machine.commandLine()).append("`\n");
		for (ScenarioResult result : results) {
			md.append(result.cold() ? cold(result, startup) : warm(result));
			for (Measurement m : result.measurements()) {
				if (m.measured() && m.steps() != null && !m.steps().isEmpty()) {
					md.append(String.format(Locale.ROOT, "%n%s, steps of its last run (job repository): %s.%n",
							m.label(), m.steps()));
				}
			}
		}
		if (!results.isEmpty()) {
			md.append(NOTES);
		}
		if (!startup.isEmpty()) {
			md.append(startup(startup));
		}
		if (!results.isEmpty() || !startup.isEmpty()) {
			md.append(TargetsReport.render(results, startup));
		}
		if (repository != null) {
			md.append(repository(repository));
		}
		return md.toString();
	}

	private static String warm(ScenarioResult result) {
		StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
				"%n### %s (%,d feed lines), warm: in the bench's JVM%n%nStarting catalogue: %s.%n%n",
				result.scenario().title(), result.rows(), result.start()));
		md.append("| contender | rows | runs | seconds: median (min–max) | rows/s | vs (a) | vs (a') | vs (b) |"
				+ " peak heap (MB) | end state |\n")
			.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
		Measurement raw = find(result, Contender.RAW);
		Measurement smart = find(result, Contender.SMART);
		Measurement plain = find(result, Contender.PLAIN);
		for (Measurement m : result.measurements()) {
			if (!m.measured()) {
				md.append("| ").append(m.label()).append(" | ").append(m.problem()).append(" | | | | | | | | |\n");
				continue;
			}
			md.append(String.format(Locale.ROOT, "| %s | %,d | %d | %s | %,.0f | %s | %s | %s | %,d | %s |%n", m.label(),
					m.rows(), m.runs(), Timings.secondsWithRange(m.nanos()), m.rowsPerSecond(), ratio(m, raw),
					ratio(m, smart), ratio(m, plain), m.peakHeapBytes() >> 20, m.endState()));
		}
		return md.toString();
	}

	private static String cold(ScenarioResult result, List<StartupBench.Timing> startup) {
		StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
				"%n### %s (%,d feed lines), cold: each run a fresh process%n%nStarting catalogue: %s.%n%n",
				result.scenario().title(), result.rows(), result.start()));
		md.append("| contender | process | rows | runs | seconds, whole process: median (min–max) | rows/s |"
				+ " vs (a) | vs (a') | net of start-up (s) | net vs (a) net | end state |\n")
			.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
		Measurement raw = find(result, Contender.RAW);
		Measurement smart = find(result, Contender.SMART);
		for (Measurement m : result.measurements()) {
			String process = (m.contender() == Contender.NESTED) ? StartupBench.NESTED + "run`"
					: m.contender().ambar() ? "`java -jar ambar.jar run`" : "`psql -f` (`\\copy` + SQL)";
			if (!m.measured()) {
				md.append("| ").append(m.label()).append(" | ").append(process).append(" | ").append(m.problem())
					.append(" | | | | | | | | |\n");
				continue;
			}
			Double net = net(m, startup);
			Double rawNet = (raw != null) ? net(raw, startup) : null;
			md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %d | %s | %,.0f | %s | %s | %s | %s | %s |%n",
					m.label(), process, m.rows(), m.runs(), Timings.secondsWithRange(m.nanos()), m.rowsPerSecond(),
					ratio(m, raw), ratio(m, smart), (net != null) ? String.format(Locale.ROOT, "%.2f", net) : "",
					// a net time at or below zero (start-up measured slower than a whole run, on a noisy machine) has no ratio
					(net != null && rawNet != null && net > 0 && rawNet > 0)
							? String.format(Locale.ROOT, "%.2fx", rawNet / net) : "",
					m.endState()));
		}
		return md.toString();
	}

	/** The median whole-process time less the median start-up of the same kind of process; null if not measured. */
	static @Nullable Double net(Measurement m, List<StartupBench.Timing> startup) {
		String label = (m.contender() == Contender.NESTED) ? StartupBench.NESTED_RUN
				: m.contender().ambar() ? StartupBench.RUN : StartupBench.PSQL;
		return startup.stream()
			.filter(t -> t.label().equals(label) && t.measured())
			.findFirst()
			.map(t -> m.seconds() - t.seconds())
			.orElse(null);
	}

	private static String startup(List<StartupBench.Timing> timings) {
		StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n### Start-up: fresh processes, wall time%n%n"));
		md.append("| command | runs | seconds: median (min–max) | target |\n").append("|---|--:|--:|---|\n");
		for (StartupBench.Timing t : timings) {
			// psql's and the nested jar's are comparisons, not targets
			String target = (t.label().equals(StartupBench.PSQL) || t.nested()) ? "" : t.remote() ? "< 1.5 s" : "≤ 2 s";
			md.append("| ").append(t.label()).append(" | ");
			md.append(t.measured() ? String.format(Locale.ROOT, "%d | %s | %s |%n", t.nanos().length,
					Timings.secondsWithRange(t.nanos()), target) : t.problem() + " | | " + target + " |\n");
		}
		md.append("""

				The database commands start Spring, Flyway and the job repository on the bench's database; `--server`
				is the thin client (no Spring context) against `server` started as a child process on a free port of
				the same database, without its scheduler. psql's start-up is what the cold tables take off psql's
				whole-process times; the 3-line `run`'s, what they take off Ambar's. The nested jar's
				(`-Dambar.prepared-start=false`) are what `java -jar` takes without the layout the build prepares.
				""");
		return md.toString();
	}

	private static final String NOTES = """

			Notes: seconds are the median of the runs, with min and max; (b) and (d) run once. "vs (a)", "vs (a')"
			and "vs (b)" are median rows/s divided by those of (a), (a') and (b): 0.50x is half as fast. The
			catalogue is restored to the scenario's start (TRUNCATE, reload, VACUUM ANALYZE, CHECKPOINT) before
			every run, outside the timing. Peak heap is the used heap sampled every 10 ms after a System.gc(),
			uncollected garbage included; run with a small -Xmx to see what a contender needs. End state compares a
			digest of every product's feed-owned columns and stock after each run with the first run's
			("reference"); (d) applies only the first rows of the feed ("sample"). Feeds are generated, seeded, in
			shuffled SKU order, without duplicates; (a) and (a') copy the JSONL lines themselves and extract fields
			with ->>; (a'') copies a typed CSV of the same rows, written by PostgreSQL before the timing. Cold, each
			run is a fresh process (psql, or `java -jar ambar.jar run ... force=true`), timed from fork to exit; (b),
			(d) and the observed contenders exist only in the bench's JVM and are not run cold.
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
