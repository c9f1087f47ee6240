package io.ambar.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * {@code redis-benchmark -P 16 -t set} (it comes with redis-server), the reference for how fast this Redis takes
 * plain writes of a given size, run in a database of its own that is emptied afterwards.
 */
final class RedisBenchmark {

	/** The database redis-benchmark writes into; flushed after. */
	static final int DATABASE = 9;

	private static final Pattern SETS_PER_SECOND = Pattern.compile("SET: ([0-9.]+) requests per second");

	private RedisBenchmark() {
	}

	/** The command line, for the report. */
	static List<String> command(String host, int port, int requests, int valueBytes) {
		return List.of("redis-benchmark", "-h", host, "-p", Integer.toString(port), "--dbnum", Integer.toString(DATABASE),
				"-P", "16", "-t", "set", "-n", Integer.toString(requests), "-r", Integer.toString(requests), "-d",
				Integer.toString(valueBytes), "-q");
	}

	/** SETs per second, or null when redis-benchmark is not installed or failed. */
	static @Nullable Double setsPerSecond(String host, int port, int requests, int valueBytes)
			throws InterruptedException {
		try {
			String output = run(command(host, port, requests, valueBytes));
			run(List.of("redis-cli", "-h", host, "-p", Integer.toString(port), "-n", Integer.toString(DATABASE), "FLUSHDB"));
			Matcher sets = SETS_PER_SECOND.matcher(output);
			return sets.find() ? Double.parseDouble(sets.group(1)) : null;
		}
		catch (IOException ex) {
			System.err.println("bench: redis-benchmark not run: " + ex.getMessage());
			return null;
		}
	}

	private static String run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
		}
		// redis-benchmark redraws its progress with carriage returns; the last line is the result
		return new String(output, StandardCharsets.UTF_8).replace('\r', '\n');
	}

}
