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
 * @param scenarios the scenarios to run: stock (S1, S2), product (P1, P2) or all
 * @param contenders the contenders to time, in report order
 * @param dir where the generated feeds are written
 * @param out the Markdown file the results are also written to
 * @param perRowRows how many lines the per-row contender applies
 * @param seed the seed of the generated feeds
 * @param heapCheckMegabytes fail if a contender's peak heap exceeds this; null for no check
 * @param repository run the repository scenario (launch and list with {@code past} executions, then housekeeping)
 * instead of the feed scenarios
 * @param console run the console scenario (each console page over HTTP with {@code past} executions) instead
 * @param pastExecutions the executions the repository and console scenarios insert
 * @param repetitions the timings each median of the repository and console scenarios is taken of
 * @param cache run the product cache scenarios ({@code only=cache}) instead of the feed scenarios
 * @param connections concurrent HTTP connections of the cache scenarios' load
 * @param seconds how long each HTTP load of the cache scenarios is measured
 * @param warmUp how long each server of the cache scenarios is loaded before any is measured
 * @param rounds how many times each HTTP load is measured (the median is reported)
 * @param redisHost the Redis of the cache scenarios
 * @param redisPort its port
 * @param cold {@code mode=cold}: each contender a fresh process (psql, {@code java -jar ... run}), plus the start-up
 * timings; {@code mode=warm}, the default, runs them in the bench's JVM, as {@code server} runs a job
 * @param repeat the runs each feed figure is the median of (the slow (b) and (d) run once)
 * @param startup time start-up only ({@code only=startup}): fresh {@code run}, {@code executions} and the thin client
 * @param jar the jar cold mode and start-up start; null for the one this JVM runs from
 */
record BenchOptions(int rows, Set<Scenario> scenarios, Set<Contender> contenders, Path dir, Path out, long perRowRows,
		long seed, @Nullable Long heapCheckMegabytes, boolean repository, boolean console, int pastExecutions,
		int repetitions, boolean cache, int connections, int seconds, int warmUp, int rounds, String redisHost,
		int redisPort, boolean cold, int repeat, boolean startup, @Nullable Path jar) {

	static final String USAGE = "[rows=1000000] [only=stock|product|s1|s2|p1|p2|startup|repository|console|cache] [mode=warm|cold]"
			+ " [repeat=3] [contenders=raw,smart,csv,plain,ambar,nested,perrow,observed,observed-items] [heap-check=MB]"
			+ " [jar=PATH] [past=100000] [reps=7] [connections=64] [seconds=10]"
			+ " [warmup=40] [rounds=3] [redis=127.0.0.1:6379] [dir=target/bench] [out=target/bench/results.md]:"
			+ " time the feed jobs against hand-written SQL and plain Spring Batch, in this JVM or as fresh processes,"
			+ " start-up, launches and lists against a full job repository, the console's pages, or the product cache,"
			+ " in a database of its own (ambar_bench)";

	/** @throws UsageException for an unknown key or a value that does not parse */
	static BenchOptions parse(List<String> args) {
		int rows = 1_000_000;
		Set<Scenario> scenarios = EnumSet.allOf(Scenario.class);
		Set<Contender> contenders = EnumSet.copyOf(Contender.DEFAULT);
		Path dir = Path.of("target", "bench");
		Path out = null;
		long perRowRows = 20_000;
		long seed = 20260101;
		Long heapCheck = null;
		boolean repository = false;
		boolean console = false;
		int past = 100_000;
		int repetitions = 7;
		boolean cache = false;
		int connections = 64;
		int seconds = 10;
		int warmUp = 40;
		int rounds = 3;
		String redis = "127.0.0.1:6379";
		boolean cold = false;
		int repeat = 3;
		boolean startup = false;
		Path jar = null;
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
					repository = value.equalsIgnoreCase("repository");
					console = value.equalsIgnoreCase("console");
					cache = value.equalsIgnoreCase("cache");
					startup = value.equalsIgnoreCase("startup");
					scenarios = (repository || console || cache || startup) ? EnumSet.noneOf(Scenario.class)
							: scenarios(value);
				}
				case "connections" -> connections = (int) positive(key, value);
				case "seconds" -> seconds = (int) positive(key, value);
				case "warmup" -> warmUp = (int) positive(key, value);
				case "rounds" -> rounds = (int) positive(key, value);
				case "redis" -> redis = value;
				case "contenders" -> contenders = contenders(value);
				case "dir" -> dir = Path.of(value);
				case "out" -> out = Path.of(value);
				case "perrow-rows" -> perRowRows = positive(key, value);
				case "seed" -> seed = positive(key, value);
				case "heap-check" -> heapCheck = positive(key, value);
				case "past" -> past = (int) positive(key, value);
				case "reps" -> repetitions = (int) positive(key, value);
				case "repeat" -> repeat = (int) positive(key, value);
				case "jar" -> jar = Path.of(value);
				case "mode" -> cold = switch (value.toLowerCase(Locale.ROOT)) {
					case "cold" -> true;
					case "warm" -> false;
					default -> throw new UsageException("mode must be warm or cold, got '" + value + "'");
				};
				default -> throw new UsageException("unknown argument '" + key + "'");
			}
		}
		int colon = redis.lastIndexOf(':');
		if (colon <= 0) {
			throw new UsageException("redis must be host:port, got '" + redis + "'");
		}
		return new BenchOptions(rows, scenarios, contenders, dir, (out != null) ? out : dir.resolve("results.md"),
				perRowRows, seed, heapCheck, repository, console, past, repetitions, cache, connections, seconds, warmUp,
				rounds, redis.substring(0, colon), (int) positive("redis port", redis.substring(colon + 1)), cold,
				repeat, startup, jar);
	}

	/** Whether start-up is timed: {@code only=startup}, and as part of {@code mode=cold}'s feed scenarios. */
	boolean timesStartup() {
		return this.startup || (this.cold && !this.scenarios.isEmpty());
	}

	private static long positive(String key, String value) {
		try {
			long parsed = Long.parseLong(value.replace("_", ""));
			if (parsed > 0 && (parsed <= Integer.MAX_VALUE || !List.of("rows", "past", "reps", "repeat").contains(key))) {
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
			// one scenario alone, as a 10M-line run of one is 5 to 10 minutes
			case "s1", "s2", "p1", "p2" -> EnumSet.of(Scenario.valueOf(only.toUpperCase(Locale.ROOT)));
			default -> throw new UsageException("only must be stock, product, s1, s2, p1, p2, startup, repository,"
					+ " console or cache, got '" + only + "'");
		};
	}

	private static Set<Contender> contenders(String list) {
		Set<Contender> contenders = EnumSet.noneOf(Contender.class);
		for (String key : list.toLowerCase(Locale.ROOT).split(",")) {
			contenders.add(Arrays.stream(Contender.values())
				.filter(contender -> contender.key().equals(key.trim()))
				.findFirst()
				.orElseThrow(() -> new UsageException("unknown contender '" + key
						+ "'; use raw, smart, csv, plain, ambar, perrow, observed, observed-items")));
		}
		return contenders;
	}

}
