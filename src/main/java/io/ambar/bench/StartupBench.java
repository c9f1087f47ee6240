package io.ambar.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Start-up as a user meets it: the wall time of fresh processes, each a median of at least 5 with min and max. On the
 * database: {@code run stock-update} of a 3-line feed and {@code executions}; psql's own start-up, for the cold
 * figures' net times; then the thin client against {@code server} started as a child on a free port: {@code executions},
 * {@code jobs} and {@code execution <id>} with {@code --server}. Each is timed as {@code java -jar}, which starts the
 * layout the build prepared next to the jar, and again from the nested jar, without it, for comparison.
 * <p>
 * A command that fails is reported with its last line of stderr and the others still run.
 */
final class StartupBench {

	/** The label of the timing that cold mode subtracts from Ambar's whole-process figures. */
	static final String RUN = "`java -jar ambar.jar run stock-update` (3-line feed)";

	/** How the nested jar's labels start: {@code java -jar} with the prepared start off. */
	static final String NESTED = "`java -Dambar.prepared-start=false -jar ambar.jar ";

	/** The label of the timing that cold mode subtracts from the nested jar's whole-process figures. */
	static final String NESTED_RUN = NESTED + "run stock-update` (3-line feed)";

	/** The label of the timing that cold mode subtracts from psql's whole-process figures. */
	static final String PSQL = "`psql -c 'SELECT 1'`";

	private static final Duration SERVER_START = Duration.ofMinutes(3);

	private final FreshProcesses processes;

	private final JdbcClient jdbc;

	private final Path dir;

	private final int repetitions;

	StartupBench(FreshProcesses processes, JdbcClient jdbc, Path dir, int repeat) {
		this.processes = processes;
		this.jdbc = jdbc;
		this.dir = dir;
		this.repetitions = Math.max(5, repeat);
	}

	/** A command's timings, sorted, or why there are none; {@code remote} for the thin client's. */
	record Timing(String label, boolean remote, long[] nanos, @Nullable String problem) {

		boolean measured() {
			return this.problem == null;
		}

		/** From the nested jar: a comparison, not a target. */
		boolean nested() {
			return this.label.startsWith(NESTED);
		}

		double seconds() {
			return Timings.medianSeconds(this.nanos);
		}

	}

	List<Timing> run() throws Exception {
		List<Timing> timings = new ArrayList<>();
		String noJar = this.processes.jarMissing();
		String noPsql = this.processes.psqlMissing();
		timings.add((noPsql != null) ? new Timing(PSQL, false, new long[0], "n/a: " + noPsql)
				: time(PSQL, false, this.processes::psqlSelectOne));
		if (noJar != null) {
			timings.add(new Timing(RUN, false, new long[0], "n/a: " + noJar));
			return timings;
		}
		Path feed = startupFeed();
		try {
			List<String> run = List.of("run", "stock-update", "file=" + feed, "force=true");
			timings.add(time(RUN, false, () -> this.processes.ambar(false, run)));
			timings.add(time(NESTED_RUN, false, () -> this.processes.ambar(true, run)));
			timings.add(time("`java -jar ambar.jar executions`", false,
					() -> this.processes.ambar(false, List.of("executions"))));
			timings.add(time(NESTED + "executions`", false, () -> this.processes.ambar(true, List.of("executions"))));
			timings.addAll(remote());
		}
		finally {
			this.jdbc.sql("DELETE FROM products WHERE sku LIKE 'BENCH-START-%'").update();
		}
		return timings;
	}

	/** The thin client's commands against a child {@code server}; all reported failed if it does not come up. */
	private List<Timing> remote() throws Exception {
		List<String> labels = new ArrayList<>(List.of("executions", "jobs", "execution <id>"));
		String password = password();
		int port = freePort();
		Path schedules = Files.createDirectories(this.dir.resolve("no-schedules"));
		System.err.printf("bench: start-up, starting `server` on port %d ...%n", port);
		// the bench's server fires nothing: no scheduler, no schedule files, no recovery racing the timed commands
		Process server = this.processes.start(List.of("server", "--server.port=" + port,
				"--spring.quartz.auto-startup=false", "--ambar.schedule.dir=" + schedules,
				"--ambar.recovery.enabled=false"), Map.of("AMBAR_OPERATOR_PASSWORD", password));
		List<Timing> timings = new ArrayList<>();
		try {
			String url = "http://127.0.0.1:" + port;
			String down = awaitHealth(server, url);
			long id = this.jdbc.sql("SELECT coalesce(max(job_execution_id), 0) FROM batch_job_execution")
				.query(Long.class)
				.single();
			for (boolean nested : new boolean[] { false, true }) {
				for (String command : labels) {
					List<String> args = new ArrayList<>(List.of(command.replace(" <id>", "").split(" ")));
					if (command.contains("<id>")) {
						args.add(Long.toString(id));
					}
					args.addAll(List.of("--server", url, "--user", "operator"));
					String label = (nested ? NESTED : "`java -jar ambar.jar ") + command + " --server URL`";
					timings.add((down != null) ? new Timing(label, true, new long[0], "failed: " + down)
							: time(label, true, () -> this.processes.client(nested, args, password)));
				}
			}
		}
		finally {
			server.destroy();
			if (!server.waitFor(30, TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
		}
		return timings;
	}

	/** Null once the server answers its health endpoint; why not, if it exits or takes longer than 3 minutes. */
	private static @Nullable String awaitHealth(Process server, String url) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + SERVER_START.toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.isAlive()) {
				return "server exited with " + server.exitValue();
			}
			try {
				HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (health.statusCode() == 200) {
					return null;
				}
			}
			catch (Exception ex) {
				// not listening yet
			}
			// polling a child process's port: there is nothing to wait on but time
			Thread.sleep(250);
		}
		return "server not healthy after " + SERVER_START.toMinutes() + " minutes";
	}

	private Timing time(String label, boolean remote, TimedCommand command) throws Exception {
		long[] nanos = new long[this.repetitions];
		for (int i = 0; i < nanos.length; i++) {
			try {
				nanos[i] = command.run();
			}
			catch (Exception ex) {
				System.err.println("bench: start-up, " + label + " failed: " + ex.getMessage());
				return new Timing(label, remote, new long[0], "failed: " + ex.getMessage());
			}
		}
		Arrays.sort(nanos);
		Timing timing = new Timing(label, remote, nanos, null);
		System.err.printf("bench: start-up, %s: %s s%n", label, Timings.secondsWithRange(nanos));
		return timing;
	}

	/** Three lines for three products of the bench's own, so the run has something to apply and nothing to reject. */
	private Path startupFeed() throws Exception {
		this.jdbc.sql("""
				INSERT INTO products (sku, name, price, currency, stock_quantity)
				SELECT 'BENCH-START-' || n, 'Start-up ' || n, 1, 'EUR', 0 FROM generate_series(1, 3) n
				ON CONFLICT (sku) DO NOTHING""").update();
		Path feed = Files.createDirectories(this.dir).resolve("startup-stock.csv").toAbsolutePath();
		Files.writeString(feed, "sku,quantity\nBENCH-START-1,1\nBENCH-START-2,2\nBENCH-START-3,3\n");
		return feed;
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String password() {
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private interface TimedCommand {

		long run() throws Exception;

	}

}
