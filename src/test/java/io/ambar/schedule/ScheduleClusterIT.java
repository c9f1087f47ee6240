package io.ambar.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.ambar.ChildJvms;
import io.ambar.QuartzTables;
import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two {@code server} child JVMs on one database share a schedule that fires every second: for a minute, every fire
 * time runs exactly once, on one node or the other. Then the node running a fire time is killed with SIGKILL: the
 * other goes on firing, catches up the times the dead node held, and resumes the interrupted run, and still no fire time
 * has a second effective run.
 * <p>
 * Slow (two child JVMs, two minutes): a failsafe suite, run by {@code mvn verify}.
 */
@SpringBootTest
class ScheduleClusterIT {

	private static final Path WORK = Path.of("target", "schedule-cluster-it");

	private static final int PRODUCTS = 500;

	private static final String SCHEDULER = "ambar-cluster-it";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Environment environment;

	private ChildJvms children;

	private final List<Path> scheduleDirs = new ArrayList<>();

	@BeforeEach
	void catalogueFeedAndSchedules() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		this.jdbc.sql("TRUNCATE ambar_schedule").update();
		QuartzTables.clear(this.jdbc, SCHEDULER);
		StockTestData.seedProducts(this.jdbc, PRODUCTS);
		List<String> lines = new ArrayList<>();
		for (int n = 1; n <= PRODUCTS; n++) {
			lines.add(StockTestData.sku(n) + "," + (n % 50));
		}
		Path feed = StockTestData.writeFeed(WORK.resolve("stock.csv").toAbsolutePath(), lines);
		for (String node : List.of("a", "b")) {
			Path dir = Files.createDirectories(WORK.resolve("jobs-" + node));
			// allow: a run that takes over a second on a loaded machine must not make the next time skip
			Files.writeString(dir.resolve("every-second.yml"), """
					job: stock-update
					cron: "* * * * * ?"
					parameters: { file: %s }
					overlap: allow
					misfire: run-once
					""".formatted(feed));
			this.scheduleDirs.add(dir.toAbsolutePath());
		}
		this.children = new ChildJvms(WORK, this.environment.getProperty("spring.datasource.url"), this.jdbc,
				"--server.port=0", "--spring.quartz.scheduler-name=" + SCHEDULER,
				// a node stalled or dead for less than this catches its times up, all of them
				"--spring.quartz.properties.org.quartz.jobStore.misfireThreshold=60000",
				"--ambar.stock.load-chunk-size=25");
	}

	@AfterEach
	void killLeftovers() {
		this.children.close();
	}

	@Test
	void everyFireTimeRunsExactlyOnceAcrossTwoNodesAndANodeKilledMidRun() throws Exception {
		Process a = this.children.start("server", "--ambar.schedule.dir=" + this.scheduleDirs.get(0));
		Process b = this.children.start("server", "--ambar.schedule.dir=" + this.scheduleDirs.get(1));
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
			.until(() -> this.children.output(a).contains("Ambar server on port")
					&& this.children.output(b).contains("Ambar server on port"));

		// a minute of fire times, every second of it run
		await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
			.until(() -> notCompletedInFirstMinute(executionsByFireTime()), List::isEmpty);
		// both are members of the cluster; which one takes a firing is Quartz's business (often the last to fire)
		assertThat(this.jdbc.sql("SELECT count(*) FROM qrtz_scheduler_state WHERE sched_name = ?")
			.param(SCHEDULER)
			.query(Integer.class)
			.single()).isEqualTo(2);

		// the node running a fire time, its load step part way, is killed; Quartz tends to keep firing on one node
		Map.Entry<Process, Long> loading = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
			.until(() -> loadingOn(a, b), found -> found != null);
		Process victim = loading.getKey();
		Process survivor = (victim == a) ? b : a;
		long interrupted = loading.getValue();
		ChildJvms.kill(victim);
		Instant killed = Instant.now();
		assertThat(this.jobRepository.getJobExecution(interrupted).getStatus().isRunning()).isTrue();

		// the survivor resumes the interrupted run, and goes on firing past the dead node's times
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
			.until(() -> "COMPLETED".equals(lastStatusOfInstanceOf(interrupted)));
		Instant checkedUpTo = Instant.now().minusSeconds(5);
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
			.until(() -> notCompleted(executionsByFireTime(), checkedUpTo), List::isEmpty);
		survivor.destroy();
		this.children.awaitExit(survivor, Duration.ofSeconds(60));

		NavigableMap<Instant, List<String>> byFireTime = executionsByFireTime();
		assertThat(byFireTime.keySet()).allSatisfy(time -> assertThat(time.getNano()).isZero());
		assertThat(byFireTime.headMap(checkedUpTo, true).entrySet().stream().filter(run -> run.getValue().stream()
			.filter("COMPLETED"::equals)
			.count() != 1)).as("fire times without exactly one completed execution").isEmpty();
		assertThat(byFireTime.values()).as("no fire time completed twice")
			.allSatisfy(statuses -> assertThat(statuses.stream().filter("COMPLETED"::equals).count()).isLessThanOrEqualTo(1));
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM batch_job_execution e JOIN batch_job_execution_params p USING (job_execution_id)
				WHERE p.parameter_name = 'fire-time' GROUP BY p.parameter_value HAVING count(DISTINCT e.job_instance_id) > 1""")
			.query(Long.class)
			.list()).as("fire times with more than one instance").isEmpty();
		assertThat(this.jdbc.sql("""
				SELECT e.status FROM batch_job_execution e
				WHERE e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)
				ORDER BY e.job_execution_id""")
			.param(interrupted)
			.query(String.class)
			.list()).as("the interrupted run, marked failed and resumed once").containsExactly("FAILED", "COMPLETED");
		assertThat(byFireTime.keySet()).as("times after the kill ran").anySatisfy(time -> assertThat(time).isAfter(killed));
		List<Instant> applied = this.jdbc.sql("""
				SELECT p.parameter_value FROM feed_application a
				JOIN batch_job_execution e ON e.job_execution_id = a.job_execution_id
				JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
				WHERE a.state = 'applied' AND p.parameter_name = 'fire-time'""")
			.query((rs, n) -> Instant.parse(rs.getString(1)))
			.list();
		assertThat(applied).as("fire times whose feed was applied").doesNotHaveDuplicates();
		assertThat(this.jdbc.sql("SELECT count(*) FROM feed_application WHERE state = 'applied'").query(Long.class).single())
			.as("feed applications, all of fire times").isEqualTo(applied.size());
		assertThat(applied).as("a completed fire time applied its feed")
			.containsAll(byFireTime.entrySet().stream().filter(run -> run.getValue().contains("COMPLETED"))
				.map(Map.Entry::getKey).toList());
		// the survivor's SIGTERM stops its runs at their next commit: one that was in its finish step has applied its
		// feed and ends STOPPED; a restart runs the finish again and applies nothing twice
		assertThat(applied).as("an applied fire time not completed was stopped by the orderly shutdown")
			.allSatisfy(time -> assertThat(byFireTime.get(time)).as("executions of " + time)
				.matches(statuses -> statuses.contains("COMPLETED") || statuses.get(statuses.size() - 1).equals("STOPPED")));
	}

	/** A node and the execution it runs whose load step has committed a chunk and not ended, if any. */
	private Map.Entry<Process, Long> loadingOn(Process... nodes) {
		for (Process node : nodes) {
			assertThat(node.isAlive()).isTrue();
			Long execution = this.jdbc.sql("""
					SELECT o.job_execution_id FROM execution_owner o JOIN ambar_instance i USING (instance_id)
					JOIN batch_step_execution s ON s.job_execution_id = o.job_execution_id
					WHERE i.pid = ? AND s.step_name = 'load' AND s.status = 'STARTED' AND s.write_count > 0
					ORDER BY o.job_execution_id LIMIT 1""")
				.param(node.pid())
				.query(Long.class)
				.optional()
				.orElse(null);
			if (execution != null) {
				return Map.entry(node, execution);
			}
		}
		return null;
	}

	private String lastStatusOfInstanceOf(long execution) {
		return this.jdbc.sql("""
				SELECT status FROM batch_job_execution WHERE job_instance_id =
				    (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)
				ORDER BY job_execution_id DESC LIMIT 1""")
			.param(execution)
			.query(String.class)
			.single();
	}

	/** The statuses of the executions of each fire time, by fire time. */
	private NavigableMap<Instant, List<String>> executionsByFireTime() {
		NavigableMap<Instant, List<String>> runs = new TreeMap<>();
		this.jdbc.sql("""
				SELECT p.parameter_value, e.status FROM batch_job_execution e
				JOIN batch_job_execution_params p USING (job_execution_id)
				WHERE p.parameter_name = 'fire-time' ORDER BY e.job_execution_id""")
			.query((rs, n) -> runs.computeIfAbsent(Instant.parse(rs.getString(1)), time -> new ArrayList<>())
				.add(rs.getString(2)))
			.list();
		return runs;
	}

	private static List<Instant> notCompletedInFirstMinute(Map<Instant, List<String>> runs) {
		return runs.isEmpty() ? List.of(Instant.EPOCH)
				: notCompleted(runs, runs.keySet().iterator().next().plusSeconds(60));
	}

	/** The seconds from the first fire time up to the instant that have no completed execution. */
	private static List<Instant> notCompleted(Map<Instant, List<String>> runs, Instant upTo) {
		if (runs.isEmpty()) {
			return List.of(upTo);
		}
		return seconds(runs.keySet().iterator().next(), upTo).stream()
			.filter(time -> !runs.containsKey(time) || !runs.get(time).contains("COMPLETED"))
			.toList();
	}

	private static List<Instant> seconds(Instant first, Instant last) {
		List<Instant> seconds = new ArrayList<>();
		for (Instant time = first; !time.isAfter(last); time = time.plusSeconds(1)) {
			seconds.add(time);
		}
		return seconds;
	}

}
