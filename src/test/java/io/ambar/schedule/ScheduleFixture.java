package io.ambar.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.ambar.stock.StockTestData;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

import static org.awaitility.Awaitility.await;

/**
 * What scheduling tests do: write schedule files into a directory of their own, reconcile them into the store,
 * start and stop the scheduler, and start each test from an empty store, ledger and catalogue.
 */
final class ScheduleFixture {

	final Path dir;

	final TestClock clock;

	final JdbcClient jdbc;

	final Scheduler scheduler;

	private final ApplicationContext context;

	ScheduleFixture(ApplicationContext context, Path dir) {
		this.context = context;
		this.dir = dir;
		this.clock = context.getBean(TestClock.class);
		this.jdbc = context.getBean(JdbcClient.class);
		this.scheduler = context.getBean(Scheduler.class);
	}

	/** Writes {@code <name>.yml}. */
	Path write(String name, String yaml) throws IOException {
		return Files.writeString(Files.createDirectories(this.dir).resolve(name + ScheduleFiles.SUFFIX), yaml,
				StandardCharsets.UTF_8);
	}

	/** A reader of the test's schedule directory, checking as a server would. */
	ScheduleFiles files() {
		return new ScheduleFiles(new ScheduleProperties(this.dir, Duration.ofSeconds(5)),
				List.copyOf(this.context.getBeansOfType(Job.class).values()), this.clock);
	}

	/** Reads the directory and reconciles the store with it, as a server starting. */
	ScheduleReconciler.Diff reconcile() {
		return this.context.getBean(ScheduleReconciler.class).reconcile(files().read());
	}

	/** Starts firing, through Spring's factory bean (which points Quartz at this context's pool). */
	void start() {
		this.context.getBean(SchedulerFactoryBean.class).start();
	}

	/** Stops firing; firings in progress go on. */
	void standby() {
		this.context.getBean(SchedulerFactoryBean.class).stop();
	}

	/** An empty store, ledger and catalogue, and the system clock; firings in progress finish first. */
	void clean() throws SchedulerException {
		standby();
		await().atMost(Duration.ofSeconds(60)).until(() -> this.scheduler.getCurrentlyExecutingJobs().isEmpty());
		this.scheduler.clear();
		this.jdbc.sql("TRUNCATE ambar_schedule").update();
		StockTestData.clean(this.jdbc, this.context.getBean(JobRepository.class));
		this.clock.reset();
	}

	/** The executions of a schedule's runs, oldest first. */
	List<Run> runs(String schedule) {
		return this.jdbc.sql("""
				SELECT e.job_execution_id, e.status, e.start_time, e.end_time, t.parameter_value
				FROM batch_job_execution e
				JOIN batch_job_execution_params s ON s.job_execution_id = e.job_execution_id
				    AND s.parameter_name = 'schedule' AND s.parameter_value = ?
				JOIN batch_job_execution_params t ON t.job_execution_id = e.job_execution_id
				    AND t.parameter_name = 'fire-time'
				ORDER BY e.job_execution_id""")
			.param(schedule)
			.query((rs, row) -> new Run(rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3)),
					instant(rs.getTimestamp(4)), Instant.parse(rs.getString(5))))
			.list();
	}

	/** One execution of a scheduled run: its times are the database's, in the JVM's zone. */
	record Run(long id, String status, Instant start, Instant end, Instant fireTime) {
	}

	private static Instant instant(java.sql.Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** The ledger's record of a schedule. */
	ScheduleLedger.Entry entry(String name) {
		return this.context.getBean(ScheduleLedger.class).entry(name).orElseThrow();
	}

}
