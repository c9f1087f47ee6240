package io.ambar.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.ambar.ops.cli.UsageException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code key=value} arguments of the bench command.
 *
 * @param rows lines per feed, and products in the stock scenarios' catalogue
 * @param scenarios the feed scenarios to run: stock (S1, S2), product (P1, P2) or all; none with {@code console}
 * @param console time the console's pages instead ({@code only=console})
 * @param executions how many past executions the console's timings are made with
 * @param requests how many times each console page is timed, after a few to warm up
 * @param contenders the contenders to time, in report order
 * @param dir where the generated feeds are written
 * @param out the Markdown file the results are also written to
 * @param perRowRows how many lines the per-row contender applies
 * @param seed the seed of the generated feeds
 * @param heapCheckMegabytes fail if a contender's peak heap exceeds this; null for no check
 */
record BenchOptions(int rows, Set<Scenario> scenarios, boolean console, int executions, int requests,
		Set<Contender> contenders, Path dir, Path out, long perRowRows, long seed, @Nullable Long heapCheckMegabytes) {

	static final String USAGE = "[rows=1000000] [only=stock|product|console] [contenders=raw,plain,ambar,perrow]"
			+ " [heap-check=MB] [executions=100000] [requests=21] [dir=target/bench] [out=target/bench/results.md]:"
			+ " time the feed jobs against COPY and plain Spring Batch, or the console's pages with many executions,"
			+ " in a database of its own (ambar_bench)";

	private static final Set<String> INT_KEYS = Set.of("rows", "executions", "requests");

	/** @throws UsageException for an unknown key or a value that does not parse */
	static BenchOptions parse(List<String> args) {
		int rows = 1_000_000;
		Set<Scenario> scenarios = EnumSet.allOf(Scenario.class);
		boolean console = false;
		int executions = 100_000;
		int requests = 21;
		Set<Contender> contenders = EnumSet.allOf(Contender.class);
		Path dir = Path.of("target", "bench");
		Path out = null;
		long perRowRows = 20_000;
		long seed = 20260101;
		Long heapCheck = null;
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (equals < 1) {
				throw new UsageException("expected key=value, got '" + arg + "'");
			}
			String key = arg.substring(0, equals);
			String value = arg.substring(equals + 1);
			switch (key) {
				case "rows" -> rows = (int) positive(key, value);
				case "only" -> {
					console = value.equalsIgnoreCase("console");
					scenarios = console ? EnumSet.noneOf(Scenario.class) : scenarios(value);
				}
				case "executions" -> executions = (int) positive(key, value);
				case "requests" -> requests = (int) positive(key, value);
				case "contenders" -> contenders = contenders(value);
				case "dir" -> dir = Path.of(value);
				case "out" -> out = Path.of(value);
				case "perrow-rows" -> perRowRows = positive(key, value);
				case "seed" -> seed = positive(key, value);
				case "heap-check" -> heapCheck = positive(key, value);
				default -> throw new UsageException("unknown argument '" + key + "'");
			}
		}
		return new BenchOptions(rows, scenarios, console, executions, requests, contenders, dir, (out != null) ? out : dir.resolve("results.md"),
				perRowRows, seed, heapCheck);
	}

	private static long positive(String key, String value) {
		try {
			long parsed = Long.parseLong(value.replace("_", ""));
			if (parsed > 0 && (!INT_KEYS.contains(key) || parsed <= Integer.MAX_VALUE)) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below, with the key
		}
		throw new UsageException(key + " must be a positive whole number, got '" + value + "'");
	}

	private static Set<Scenario> scenarios(String only) {
		return switch (only.toLowerCase(Locale.ROOT)) {
			case "stock" -> EnumSet.of(Scenario.S1, Scenario.S2);
			case "product" -> EnumSet.of(Scenario.P1, Scenario.P2);
			default -> throw new UsageException("only must be stock, product or console, got '" + only + "'");
		};
	}

	private static Set<Contender> contenders(String list) {
		Set<Contender> contenders = EnumSet.noneOf(Contender.class);
		for (String key : list.toLowerCase(Locale.ROOT).split(",")) {
			contenders.add(Arrays.stream(Contender.values())
				.filter(contender -> contender.key().equals(key.trim()))
				.findFirst()
				.orElseThrow(() -> new UsageException("unknown contender '" + key + "'; use raw, plain, ambar, perrow")));
		}
		return contenders;
	}

}
