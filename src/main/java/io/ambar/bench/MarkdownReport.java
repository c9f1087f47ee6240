package io.ambar.bench;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The bench's results as Markdown, ready to paste into the README: the machine, then one table per scenario.
 */
final class MarkdownReport {

	private MarkdownReport() {
	}

	static String render(Machine machine, List<ScenarioResult> results) {
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
		if (results.isEmpty()) {
			return md.toString();
		}
		md.append("""

				Notes: "vs (a)" and "vs (b)" are rows/s divided by the rows/s of (a) and (b): 0.50x is half as fast.
				The catalogue is restored to the scenario's start (TRUNCATE, reload, VACUUM ANALYZE, CHECKPOINT) before
				each contender, outside the timing. Peak heap is the used heap sampled every 10 ms after a System.gc(),
				uncollected garbage included; run with a small -Xmx to see what a contender needs. End state compares a
				digest of every product's feed-owned columns and stock with the first contender's ("reference");
				(d) applies only the first rows of the feed ("sample"). Feeds are generated, seeded, in shuffled
				SKU order, without duplicates; (a) copies the JSONL lines themselves and extracts fields with ->>.
				""");
		return md.toString();
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
