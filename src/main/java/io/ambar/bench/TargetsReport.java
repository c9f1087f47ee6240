package io.ambar.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issue 11's targets, each with the figure this run measured and whether it is met; a target this run did not measure
 * says so. Ratios are of median rows/s (warm, and cold counting the whole process); start-up is the median wall time.
 */
final class TargetsReport {

	private TargetsReport() {
	}

	static String render(List<ScenarioResult> results, List<StartupBench.Timing> startup) {
		StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
				"%n### Targets (issue 11)%n%n| target | measured | met? |%n|---|---|---|%n"));
		ratio(md, results, false, Scenario.S1, Contender.RAW, 1.0, "warm S1 (every row changed) ≥ 1.0x raw (a)");
		ratio(md, results, false, Scenario.S2, Contender.RAW, 3.0, "warm S2 (10% changed) ≥ 3x raw (a)");
		ratio(md, results, false, Scenario.S2, Contender.SMART, 0.8, "warm S2 ≥ 0.8x smart raw (a')");
		ratio(md, results, false, Scenario.P1, Contender.CSV, 1.0, "warm P1 (all new) ≥ 1.0x typed CSV (a'')");
		ratio(md, results, false, Scenario.P2, Contender.RAW, 4.0, "warm P2 (90% unchanged) ≥ 4x raw (a)");
		ratio(md, results, false, Scenario.P2, Contender.SMART, 0.8, "warm P2 ≥ 0.8x smart raw (a')");
		ratio(md, results, true, Scenario.S1, Contender.RAW, 1.0, "cold S1 ≥ 1.0x raw (a), whole process");
		ratio(md, results, true, Scenario.S2, Contender.RAW, 2.0, "cold S2 ≥ 2x raw (a), whole process");
		boolean startupMeasured = false;
		for (StartupBench.Timing timing : startup) {
			if (timing.label().equals(StartupBench.PSQL) || timing.nested()) {
				continue;
			}
			startupMeasured = true;
			double limit = timing.remote() ? 1.5 : 2.0;
			String target = timing.label() + (timing.remote() ? " < 1.5 s" : " ≤ 2 s");
			if (!timing.measured()) {
				row(md, target, timing.problem(), "not measured");
				continue;
			}
			boolean met = timing.remote() ? timing.seconds() < limit : timing.seconds() <= limit;
			long[] nanos = timing.nanos();
			row(md, target, String.format(Locale.ROOT, "%.2f s (min %.2f, max %.2f, %d runs)", timing.seconds(),
					nanos[0] / 1e9, nanos[nanos.length - 1] / 1e9, nanos.length), met ? "yes" : "no");
		}
		if (!startupMeasured) {
			row(md, "start-up: `run`, `executions` ≤ 2 s; thin client (`--server`) < 1.5 s",
					"not measured in this run (mode=cold or only=startup)", "–");
		}
		return md.toString();
	}

	private static void ratio(StringBuilder md, List<ScenarioResult> results, boolean cold, Scenario scenario,
			Contender base, double target, String label) {
		ratio(md, results, cold, scenario, Contender.AMBAR, base, target, label);
	}

	private static void ratio(StringBuilder md, List<ScenarioResult> results, boolean cold, Scenario scenario,
			Contender contender, Contender base, double target, String label) {
		Optional<ScenarioResult> result = results.stream()
			.filter(r -> r.scenario() == scenario && r.cold() == cold)
			.findFirst();
		Optional<Measurement> ambar = result.flatMap(r -> measured(r, contender));
		Optional<Measurement> reference = result.flatMap(r -> measured(r, base));
		if (ambar.isEmpty() || reference.isEmpty()) {
			row(md, label, "not measured in this run", "–");
			return;
		}
		double ratio = ambar.get().rowsPerSecond() / reference.get().rowsPerSecond();
		row(md, label, String.format(Locale.ROOT, "%.2fx (Ambar %.2f s, reference %.2f s; medians of %d)", ratio,
				ambar.get().seconds(), reference.get().seconds(), ambar.get().runs()), (ratio >= target) ? "yes" : "no");
	}

	private static Optional<Measurement> measured(ScenarioResult result, Contender contender) {
		return result.measurements().stream().filter(m -> m.contender() == contender && m.measured()).findFirst();
	}

	private static void row(StringBuilder md, String target, String measured, String met) {
		md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met).append(" |\n");
	}

}
