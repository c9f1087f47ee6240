package io.ambar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code java -jar target/ambar.jar} as a user runs it, after {@code package}: the command runs in a child JVM from
 * the prepared layout (target/ambar), with the parent's JVM options; a SIGTERM to the parent stops the child's job
 * restartably and the parent ends after it; a SIGKILL to the parent ends the child too.
 * <p>
 * Needs the packaged jar: a failsafe suite, run by {@code mvn verify}.
 */
@SpringBootTest
class PreparedStartIT {

	private static final Path JAR = Path.of("target", "ambar.jar").toAbsolutePath();

	private static final Path WORK = Path.of("target", "prepared-start-it");

	private static final int LINES = 60_000;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Environment environment;

	private final List<Process> started = new ArrayList<>();

	private final Map<Process, Path> logs = new HashMap<>();

	@BeforeEach
	void packaged() {
		assumeThat(Path.of("target", "ambar", "ambar.jar")).as("the prepared layout (built without -Dambar.cds.skip)")
			.isRegularFile();
	}

	@AfterEach
	void killLeftovers() {
		this.started.forEach(process -> {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		});
	}

	@Test
	void aCommandRunsInAChildFromThePreparedLayoutWithTheParentsJvmOptions() throws Exception {
		Process help = start(List.of("-XX:+PrintCommandLineFlags"), "help");
		assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(help.exitValue()).isZero();
		List<String> flags = Files.readAllLines(log(help)).stream().filter(line -> line.startsWith("-XX:")).toList();
		// the parent's flags, then the child's: the archive, the quick compiler for a query, and the user's option
		assertThat(flags).hasSize(2);
		assertThat(flags.get(1)).contains("-XX:TieredStopAtLevel=1", "-XX:+PrintCommandLineFlags");
		if (Files.isRegularFile(Path.of("target", "ambar", "ambar.jsa"))) {
			assertThat(flags.get(1)).contains("-XX:SharedArchiveFile=");
		}

		// the child's exit code is the parent's: 2 for a usage error
		Process unknown = start(List.of(), "no-such-command");
		assertThat(unknown.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(unknown.exitValue()).isEqualTo(2);
		assertThat(Files.readString(log(unknown))).contains("unknown command 'no-such-command'");

		Process nested = start(List.of("-XX:+PrintCommandLineFlags", "-Dambar.prepared-start=false"), "help");
		assertThat(nested.waitFor(60, TimeUnit.SECONDS)).isTrue();
		// from the nested jar through Spring Boot's launcher, in this JVM
		assertThat(nested.exitValue()).isZero();
		assertThat(Files.readAllLines(log(nested)).stream().filter(line -> line.startsWith("-XX:"))).hasSize(1);
	}

	@Test
	void sigtermToTheParentStopsTheJobRestartablyAndTheParentEndsAfterTheChild() throws Exception {
		Process server = startServerRunningAFeed();
		ProcessHandle child = awaitChild(server);
		long execution = awaitLoading(child);

		server.destroy();

		assertThat(server.waitFor(90, TimeUnit.SECONDS)).as("the parent ended").isTrue();
		assertThat(child.isAlive()).as("the child ended before its parent").isFalse();
		assertThat(Files.readString(log(server))).contains("Stopped executions [" + execution + "]; restartable");
		assertThat(this.jobRepository.getJobExecution(execution).getStatus()).isEqualTo(BatchStatus.STOPPED);
	}

	@Test
	void sigkillToTheParentEndsTheChild() throws Exception {
		Process server = startServerRunningAFeed();
		ProcessHandle child = awaitChild(server);
		awaitLoading(child);

		server.destroyForcibly();

		await().atMost(Duration.ofSeconds(10)).until(() -> !child.isAlive());
	}

	private Process startServerRunningAFeed() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		this.jdbc.sql("TRUNCATE ambar_schedule").update();
		QuartzTables.clear(this.jdbc, "ambar-prepared-start-it");
		StockTestData.seedProducts(this.jdbc, LINES);
		List<String> lines = new ArrayList<>();
		for (int n = 1; n <= LINES; n++) {
			lines.add(StockTestData.sku(n) + "," + (n % 1000));
		}
		Path feed = StockTestData.writeFeed(WORK.resolve("stock.csv").toAbsolutePath(), lines);
		Path jobs = Files.createDirectories(WORK.resolve("jobs"));
		Files.writeString(jobs.resolve("stock.yml"), """
				job: stock-update
				cron: "0/2 * * * * ?"
				parameters: { file: %s }
				""".formatted(feed));
		return start(List.of(), "server", "--server.port=0", "--ambar.schedule.dir=" + jobs.toAbsolutePath(),
				"--spring.quartz.scheduler-name=ambar-prepared-start-it", "--ambar.stock.load-chunk-size=200",
				"--ambar.server.shutdown-timeout=60s",
				"--spring.datasource.url=" + this.environment.getProperty("spring.datasource.url"),
				"--spring.datasource.username=postgres", "--logging.file.name=" + WORK.resolve("ambar.log"));
	}

	private Process start(List<String> jvmOptions, String... args) throws Exception {
		Files.createDirectories(WORK);
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", JAR.toString()));
		command.addAll(List.of(args));
		Path log = WORK.resolve(args[0] + "-" + this.started.size() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.started.add(process);
		this.logs.put(process, log);
		return process;
	}

	private Path log(Process process) {
		return this.logs.get(process);
	}

	/** The child JVM the parent started, running the extracted jar. */
	private static ProcessHandle awaitChild(Process parent) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			assertThat(parent.isAlive()).as("the parent is running").isTrue();
			return parent.children()
				.filter(child -> child.info()
					.commandLine()
					.orElse("")
					.contains(Path.of("target", "ambar", "ambar.jar").toString()))
				.findFirst();
		}, Optional::isPresent).orElseThrow();
	}

	/** The scheduled run's execution, once its load has committed some lines. */
	private long awaitLoading(ProcessHandle child) {
		return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
			assertThat(child.isAlive()).as("the child is running").isTrue();
			return this.jdbc.sql("""
					SELECT s.job_execution_id FROM batch_step_execution s
					JOIN execution_owner o USING (job_execution_id) JOIN ambar_instance i USING (instance_id)
					WHERE i.pid = ? AND s.step_name = 'load' AND s.status = 'STARTED' AND s.write_count >= 1000""")
				.param(child.pid())
				.query(Long.class)
				.optional()
				.orElse(null);
		}, id -> id != null);
	}

}
