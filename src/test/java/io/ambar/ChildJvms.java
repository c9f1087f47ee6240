package io.ambar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ambar commands run as real child JVMs on the test's database, to be killed with SIGKILL at chosen points: what
 * the kill tests need. Each child's output goes to a log file of its own under the work directory.
 */
public final class ChildJvms implements AutoCloseable {

	private final Path work;

	private final String datasourceUrl;

	private final List<String> settings;

	private final JdbcClient jdbc;

	private static final AtomicInteger count = new AtomicInteger();

	private final List<Process> children = new ArrayList<>();

	private final Map<Process, Path> logs = new HashMap<>();

	/**
	 * @param settings {@code --key=value} settings every child gets
	 */
	public ChildJvms(Path work, String datasourceUrl, JdbcClient jdbc, String... settings) {
		this.work = work;
		this.datasourceUrl = datasourceUrl;
		this.jdbc = jdbc;
		this.settings = List.of(settings);
	}

	/** Starts {@code java ... AmbarApplication <command...>} on the test's database. */
	public Process start(String... command) throws IOException {
		Files.createDirectories(this.work);
		List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
				"-Dspring.main.banner-mode=off", "-cp", System.getProperty("java.class.path"),
				AmbarApplication.class.getName()));
		args.addAll(List.of(command));
		args.add("--spring.datasource.url=" + this.datasourceUrl);
		args.add("--spring.datasource.username=postgres");
		args.add("--logging.file.name=" + this.work.resolve("ambar.log"));
		args.addAll(this.settings);
		Path log = this.work.resolve(String.format(Locale.ROOT, "child-%d-%s.log", count.incrementAndGet(), command[0]));
		Process process = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.children.add(process);
		this.logs.put(process, log);
		return process;
	}

	/** What the child printed, stdout and stderr together. */
	public String output(Process child) throws IOException {
		return Files.readString(this.logs.get(child));
	}

	/** Waits for the child to end by itself and returns its exit code. */
	public int awaitExit(Process child, Duration limit) throws InterruptedException {
		assertThat(child.waitFor(limit.toSeconds(), TimeUnit.SECONDS)).as("child %d ended", child.pid()).isTrue();
		return child.exitValue();
	}

	/** The execution the child runs, from the owner record its job writes when it starts. */
	public long awaitExecutionOf(Process child) {
		return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() -> {
			assertThat(child.isAlive()).as("child %d is running", child.pid()).isTrue();
			return this.jdbc.sql("""
					SELECT o.job_execution_id FROM execution_owner o JOIN ambar_instance i USING (instance_id)
					WHERE i.pid = ? ORDER BY o.job_execution_id DESC LIMIT 1""")
				.param(child.pid())
				.query(Long.class)
				.optional()
				.orElse(null);
		}, id -> id != null);
	}

	/**
	 * Waits until the steps named like the pattern have the status and together at least that many items
	 * committed in this execution (apply may run as parallel ranges, {@code apply-range:partitionN}).
	 */
	public void awaitStep(Process child, long execution, String step, String status, long committed) {
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).until(() -> {
			assertThat(child.isAlive()).as("child %d is running", child.pid()).isTrue();
			return this.jdbc.sql("""
					SELECT count(*) > 0 AND coalesce(sum(write_count), 0) >= ? FROM batch_step_execution
					WHERE job_execution_id = ? AND step_name LIKE ? AND status = ?""")
				.params(committed, execution, step, status)
				.query(Boolean.class)
				.single();
		});
	}

	/** Waits until one of the child's database sessions waits for a lock (one the test holds). */
	public void awaitBlocked(Process child) {
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).until(() -> {
			assertThat(child.isAlive()).as("child %d is running", child.pid()).isTrue();
			return this.jdbc.sql("SELECT count(*) > 0 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
					+ " AND application_name = 'ambar' AND pid <> pg_backend_pid()")
				.query(Boolean.class)
				.single();
		});
	}

	/** SIGKILL, and reaped, so that its pid is no longer alive when a restart looks. */
	public static void kill(Process child) throws InterruptedException {
		child.destroyForcibly();
		assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
	}

	@Override
	public void close() {
		this.children.forEach(Process::destroyForcibly);
	}

}
