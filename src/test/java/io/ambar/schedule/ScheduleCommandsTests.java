package io.ambar.schedule;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.ambar.ops.OperationException;
import io.ambar.ops.cli.AmbarCommand;
import io.ambar.ops.cli.ClientCommand;
import io.ambar.ops.cli.ClientCommands;
import io.ambar.ops.cli.CommandArguments;
import io.ambar.ops.cli.Console;
import io.ambar.ops.cli.LocalOperatorClient;
import io.ambar.ops.cli.UsageException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The schedule commands as a command-line process runs them (profile cli): no scheduler is configured, nor metrics
 * or health, and the commands work on the shared store through a scheduler of their own that never fires.
 */
@SpringBootTest
@ActiveProfiles("cli")
class ScheduleCommandsTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	LocalOperatorClient client;

	@Autowired
	ScheduleService schedules;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	ByteArrayOutputStream out = new ByteArrayOutputStream();

	@BeforeEach
	void aScheduleInTheStore() throws Exception {
		this.jdbc.sql("TRUNCATE ambar_schedule").update();
		Files.writeString(this.dir.resolve("nightly.yml"), """
				job: product-sync
				cron: "0 0 2 * * ?"
				zone: Europe/Istanbul
				parameters: { file: /data/catalogue.jsonl.gz, mode: full }
				""");
		// what a server does when it starts
		ScheduleFiles files = new ScheduleFiles(new ScheduleProperties(this.dir, Duration.ofSeconds(5)),
				List.copyOf(this.context.getBeansOfType(Job.class).values()), Clock.systemUTC());
		this.context.getBean(ScheduleReconciler.class).reconcile(files.read());
		this.context.getBean(ScheduleStore.class)
			.inTransaction((scheduler, jdbc) -> scheduler.unscheduleJobs(List.copyOf(
					scheduler.getTriggerKeys(org.quartz.impl.matchers.GroupMatcher.triggerGroupEquals(QuartzSchedules.MANUAL_GROUP)))));
	}

	@Test
	void startsWithoutQuartzMetricsOrHealth() {
		assertThat(this.context.getBeanNamesForType(org.quartz.Scheduler.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(io.micrometer.core.instrument.MeterRegistry.class)).isEmpty();
		assertThat(this.context.containsBean("healthEndpoint")).isFalse();
	}

	@Test
	void listsTheSchedulesWithTheirNextFireTimeInTheirZone() throws Exception {
		assertThat(run("schedules")).isEqualTo(AmbarCommand.OK);

		assertThat(printed()).startsWith("SCHEDULE ")
			.contains("JOB", "CRON", "ZONE", "NEXT FIRE", "LAST RUN", "PAUSED")
			.containsPattern("nightly +product-sync +0 0 2 \\* \\* \\? +Europe/Istanbul +\\d{4}-\\d\\d-\\d\\d 02:00:00 \\+03:00 +- +")
			.contains("every day at 02:00 Europe/Istanbul");
	}

	@Test
	void pausesAndResumesASchedule() throws Exception {
		assertThat(run("pause", "nightly")).isEqualTo(AmbarCommand.OK);
		assertThat(this.schedules.status("nightly").paused()).isTrue();
		assertThat(this.schedules.status("nightly").nextFireTime()).isNull();

		assertThat(run("resume", "nightly")).isEqualTo(AmbarCommand.OK);

		assertThat(this.schedules.status("nightly").paused()).isFalse();
		assertThat(printed()).contains("schedule nightly paused on every node").contains("schedule nightly resumed; next fire ");
		assertThat(this.jdbc.sql("SELECT string_agg(action || ' ' || outcome, ',' ORDER BY id) FROM audit_log WHERE target = 'schedule nightly'")
			.query(String.class)
			.single()).endsWith("pause DONE,resume DONE");
	}

	@Test
	void triggersARunThatAServerWillFireAndSaysNoneRuns() throws Exception {
		assertThat(run("trigger", "nightly")).isEqualTo(AmbarCommand.OK);

		assertThat(printed()).startsWith("schedule nightly triggered for ").contains("it runs when a server starts");
		assertThat(this.jdbc.sql("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = 'ambar-manual' AND job_name = 'nightly'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void refusesAnUnknownScheduleListingTheSchedules() {
		assertThatExceptionOfType(OperationException.class).isThrownBy(() -> run("pause", "nigthly"))
			.withMessage("no schedule 'nigthly' (schedules: nightly)");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> run("trigger"))
			.withMessageStartingWith("expected one schedule name; usage: trigger <schedule>");
	}

	private int run(String name, String... args) throws Exception {
		ClientCommand command = ClientCommands.named(name).orElseThrow();
		return command.run(CommandArguments.parse(List.of(args), command.options()), this.client,
				new Console(output(), System.err, false, Integer.MAX_VALUE, false));
	}

	private PrintStream output() {
		return new PrintStream(this.out, true, StandardCharsets.UTF_8);
	}

	private String printed() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

}
