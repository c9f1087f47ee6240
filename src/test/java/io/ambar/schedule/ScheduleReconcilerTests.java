package io.ambar.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.impl.matchers.GroupMatcher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciling the Quartz store with the schedule files: new files added, changed ones updated, removed ones
 * deleted, an operator's pause kept, and several nodes starting at once making one change between them.
 */
@ScheduleTest
class ScheduleReconcilerTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	ScheduleService schedules;

	@TempDir
	Path dir;

	ScheduleFixture fixture;

	@BeforeEach
	void emptyStore() throws Exception {
		this.fixture = new ScheduleFixture(this.context, this.dir);
		this.fixture.clean();
		this.fixture.clock.set(Instant.parse("2026-11-30T10:00:00Z"));
	}

	@Test
	void addsNewSchedulesWithTheirCronZoneMisfireInstructionAndData() throws Exception {
		this.fixture.write("nightly", """
				job: product-sync
				cron: "0 0 2 * * ?"
				zone: Europe/Istanbul
				parameters: { file: /data/catalogue.jsonl.gz, mode: full }
				misfire: run-once
				misfire-deadline: 4h
				""");
		this.fixture.write("stock", "job: stock-update\ncron: 0 0/5 * * * ?\nparameters: { file: /data/stock.csv }\n");

		ScheduleReconciler.Diff diff = this.fixture.reconcile();

		assertThat(diff).hasToString("added nightly, stock; 0 unchanged");
		CronTrigger nightly = cronTrigger("nightly");
		assertThat(nightly.getCronExpression()).isEqualTo("0 0 2 * * ?");
		assertThat(nightly.getTimeZone()).isEqualTo(TimeZone.getTimeZone("Europe/Istanbul"));
		assertThat(nightly.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
		assertThat(nightly.getNextFireTime().toInstant()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
		assertThat(cronTrigger("stock").getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
		JobDetail job = this.fixture.scheduler.getJobDetail(QuartzSchedules.jobKey("nightly"));
		assertThat(job.getJobClass()).isEqualTo(ScheduledFiring.class);
		assertThat(job.requestsRecovery()).isTrue();
		assertThat(job.getJobDataMap().getWrappedMap()).containsEntry("parameter.mode", "full")
			.containsEntry("misfire-deadline", "PT4H");
		assertThat(this.fixture.entry("nightly").nextFireTime()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
		assertThat(this.fixture.entry("nightly").job()).isEqualTo("product-sync");
	}

	@Test
	void updatesAChangedScheduleAndSaysWhatChanged() throws Exception {
		this.fixture.write("stock", "job: stock-update\ncron: 0 0/5 * * * ?\nparameters: { file: /data/a.csv }\n");
		this.fixture.write("same", "job: stock-update\ncron: 0 0 3 * * ?\nparameters: { file: /data/b.csv }\n");
		this.fixture.reconcile();

		this.fixture.write("stock", """
				job: stock-update
				cron: 0 0/10 * * * ?
				parameters: { file: /data/a.csv, force: true }
				overlap: queue
				""");
		ScheduleReconciler.Diff diff = this.fixture.reconcile();

		assertThat(diff).hasToString("updated stock (cron, parameters, overlap); 1 unchanged");
		assertThat(cronTrigger("stock").getCronExpression()).isEqualTo("0 0/10 * * * ?");
		assertThat(Schedule.fromData("stock", this.fixture.scheduler.getJobDetail(QuartzSchedules.jobKey("stock"))
			.getJobDataMap()).parameters()).isEqualTo(Map.of("file", "/data/a.csv", "force", "true"));
		assertThat(this.fixture.reconcile()).hasToString("2 unchanged");
	}

	@Test
	void deletesASchedulesWhoseFileIsGone() throws Exception {
		Path gone = this.fixture.write("gone", "job: stock-update\ncron: 0 0 2 * * ?\nparameters: { file: /data/a.csv }\n");
		this.fixture.write("kept", "job: stock-update\ncron: 0 0 3 * * ?\nparameters: { file: /data/b.csv }\n");
		this.fixture.reconcile();
		Files.delete(gone);

		assertThat(this.fixture.reconcile()).hasToString("removed gone; 1 unchanged");
		assertThat(this.fixture.scheduler.getJobKeys(GroupMatcher.anyJobGroup())).extracting(key -> key.getName())
			.containsExactly("kept");
		assertThat(this.context.getBean(ScheduleLedger.class).entry("gone")).isEmpty();
	}

	@Test
	void keepsAnOperatorsPauseAcrossAChangeOfTheFile() throws Exception {
		this.fixture.write("stock", "job: stock-update\ncron: 0 0/5 * * * ?\nparameters: { file: /data/a.csv }\n");
		this.fixture.reconcile();
		this.schedules.pause("stock");

		this.fixture.write("stock", "job: stock-update\ncron: 0 0/15 * * * ?\nparameters: { file: /data/a.csv }\n");
		this.fixture.reconcile();

		assertThat(this.schedules.status("stock").paused()).isTrue();
		assertThat(cronTrigger("stock").getCronExpression()).isEqualTo("0 0/15 * * * ?");
		assertThat(this.fixture.entry("stock").nextFireTime()).isNull();
	}

	@Test
	void pausesADisabledScheduleAndResumesItWhenItsFileEnablesIt() throws Exception {
		this.fixture.write("stock", "job: stock-update\ncron: 0 0/5 * * * ?\nparameters: { file: /a.csv }\nenabled: false\n");
		this.fixture.reconcile();
		assertThat(this.schedules.status("stock").paused()).isTrue();
		assertThat(this.schedules.status("stock").enabled()).isFalse();

		this.fixture.write("stock", "job: stock-update\ncron: 0 0/5 * * * ?\nparameters: { file: /a.csv }\nenabled: true\n");

		assertThat(this.fixture.reconcile()).hasToString("updated stock (enabled); 0 unchanged");
		assertThat(this.fixture.scheduler.getTriggerState(QuartzSchedules.triggerKey("stock")))
			.isEqualTo(Trigger.TriggerState.NORMAL);
		assertThat(this.fixture.entry("stock").nextFireTime()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
	}

	@Test
	void nodesStartingTogetherReconcileOneAfterTheOther() throws Exception {
		for (int i = 0; i < 5; i++) {
			this.fixture.write("schedule-" + i, "job: stock-update\ncron: 0 " + i + " 2 * * ?\nparameters: { file: /a.csv }\n");
		}
		ExecutorService nodes = Executors.newFixedThreadPool(4);
		try {
			Callable<ScheduleReconciler.Diff> node = this.fixture::reconcile;
			List<Future<ScheduleReconciler.Diff>> diffs = nodes.invokeAll(List.of(node, node, node, node));

			List<String> results = diffs.stream().map(diff -> {
				try {
					return diff.get().toString();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
			assertThat(results).containsExactlyInAnyOrder(
					"added schedule-0, schedule-1, schedule-2, schedule-3, schedule-4; 0 unchanged", "5 unchanged",
					"5 unchanged", "5 unchanged");
		}
		finally {
			nodes.shutdownNow();
		}
		assertThat(this.fixture.scheduler.getJobKeys(GroupMatcher.anyJobGroup())).hasSize(5);
	}

	private CronTrigger cronTrigger(String name) throws Exception {
		return (CronTrigger) this.fixture.scheduler.getTrigger(QuartzSchedules.triggerKey(name));
	}

}
