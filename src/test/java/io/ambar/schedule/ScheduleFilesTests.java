package io.ambar.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading schedule files: what a good file gives, and every way a bad one stops a server's start, each message
 * naming the file, the line and the field.
 */
@ScheduleTest
class ScheduleFilesTests {

	@Autowired
	ApplicationContext context;

	@TempDir
	Path dir;

	ScheduleFixture fixture;

	@BeforeEach
	void fixture() {
		this.fixture = new ScheduleFixture(this.context, this.dir);
		this.fixture.clock.set(Instant.parse("2026-11-30T10:00:00Z"));
	}

	@Test
	void readsEveryFieldOfAScheduleFile() throws Exception {
		this.fixture.write("nightly-catalogue", """
				# jobs/nightly-catalogue.yml
				job: product-sync
				cron: "0 0 2 * * ?"          # Quartz cron, seconds first
				zone: Europe/Istanbul
				parameters: { file: /data/feeds/catalogue.jsonl.gz, mode: full, max-reject-ratio: 0.10 }
				misfire: run-once
				misfire-deadline: 4h
				overlap: queue
				enabled: false
				""");

		Schedule schedule = this.fixture.files().read().get(0);

		assertThat(schedule).isEqualTo(new Schedule("nightly-catalogue", "product-sync", "0 0 2 * * ?",
				ZoneId.of("Europe/Istanbul"),
				Map.of("file", "/data/feeds/catalogue.jsonl.gz", "mode", "full", "max-reject-ratio", "0.10"), null,
				Schedule.Misfire.RUN_ONCE, Duration.ofHours(4), Schedule.Overlap.QUEUE, false));
	}

	@Test
	void defaultsToUtcSkipForbidAndEnabled() throws Exception {
		this.fixture.write("stock", """
				job: stock-update
				cron: 0 0/5 * * * ?
				inbox: %s
				""".formatted(this.dir.resolve("inbox")));

		Schedule schedule = this.fixture.files().read().get(0);

		assertThat(schedule.zone()).isEqualTo(ZoneId.of("Z"));
		assertThat(schedule.misfire()).isEqualTo(Schedule.Misfire.SKIP);
		assertThat(schedule.misfireDeadline()).isNull();
		assertThat(schedule.overlap()).isEqualTo(Schedule.Overlap.FORBID);
		assertThat(schedule.enabled()).isTrue();
		assertThat(schedule.inbox()).isEqualTo(this.dir.resolve("inbox"));
		assertThat(schedule.parameters()).isEmpty();
	}

	@Test
	void takesOnlyYmlFilesDirectlyInTheDirectoryForSchedules() throws Exception {
		this.fixture.write("a", "job: stock-update\ncron: 0 0 2 * * ?\nparameters: { file: /data/a.csv }\n");
		java.nio.file.Files.writeString(this.dir.resolve("stock.csv"), "sku,quantity\n");
		java.nio.file.Files.writeString(this.dir.resolve("notes.yaml"), "not: a schedule\n");
		java.nio.file.Files.createDirectories(this.dir.resolve("samples"));
		java.nio.file.Files.writeString(this.dir.resolve("samples/b.yml"), "not: a schedule\n");

		assertThat(this.fixture.files().read()).extracting(Schedule::name).containsExactly("a");
	}

	@Test
	void takesARelativeFeedOrInboxForTheWorkingDirectorysOwn() throws Exception {
		this.fixture.write("relative", "job: stock-update\ncron: 0 0 2 * * ?\nparameters: { file: feeds/stock.csv }\n");

		assertThat(this.fixture.files().read().get(0).parameters())
			.containsEntry("file", Path.of("feeds/stock.csv").toAbsolutePath().toString());
	}

	@Test
	void readsTheProjectsOwnScheduleDirectory() {
		ScheduleFiles files = new ScheduleFiles(new ScheduleProperties(Path.of("jobs"), Duration.ofSeconds(5)),
				java.util.List.copyOf(this.context.getBeansOfType(org.springframework.batch.core.job.Job.class).values()),
				this.fixture.clock);

		// a fresh clone's server starts, and its sample schedule is there, disabled
		assertThat(files.read()).singleElement().satisfies(schedule -> {
			assertThat(schedule.name()).isEqualTo("sample-stock");
			assertThat(schedule.enabled()).isFalse();
		});
	}

	@Test
	void refusesABadCronNamingTheFileLineAndField() throws Exception {
		Path file = this.fixture.write("bad", """
				job: stock-update
				parameters: { file: /data/a.csv }
				cron: "0 0 25 * * ?"
				""");

		assertProblems(file + ":3: cron: '0 0 25 * * ?' is not a Quartz cron expression (seconds first, such as "
				+ "\"0 0 2 * * ?\"): Hour values must be between 0 and 23");
	}

	@Test
	void refusesACronThatNeverFiresAgain() throws Exception {
		Path file = this.fixture.write("bad", "job: stock-update\ncron: 0 0 0 1 1 ? 2020\nparameters: { file: /a.csv }\n");

		assertProblems(file + ":2: cron: '0 0 0 1 1 ? 2020' never fires after 2026-11-30T10:00:00Z");
	}

	@Test
	void refusesAnUnknownJobListingTheJobs() throws Exception {
		Path file = this.fixture.write("bad", "job: stock-updat\ncron: 0 0 2 * * ?\nparameters: { file: /a.csv }\n");

		assertProblems(file + ":1: job: unknown job 'stock-updat' (jobs: cache-warm, housekeeping, product-sync, stock-update)");
	}

	@Test
	void refusesAnUnknownParameterNamingIt() throws Exception {
		Path file = this.fixture.write("bad", """
				job: product-sync
				cron: 0 0 2 * * ?
				parameters:
				  file: /data/catalogue.jsonl
				  mdoe: full
				""");

		assertThat(problems()).singleElement()
			.asString()
			.startsWith(file + ":5: parameters.mdoe: unknown parameter mdoe (parameters: allow-empty, as-of, ");
	}

	@Test
	void refusesAnInvalidParameterValueWithTheJobsOwnMessage() throws Exception {
		Path file = this.fixture.write("bad", """
				job: product-sync
				cron: 0 0 2 * * ?
				parameters:
				  file: /data/catalogue.jsonl
				  mode: fulll
				  max-reject-ratio: 2
				""");

		assertProblems(file + ":5: parameters.mode: mode must be full or incremental, not 'fulll'",
				file + ":6: parameters.max-reject-ratio: max-reject-ratio must be a number from 0 to 1, not '2'");
	}

	@Test
	void refusesParametersTheSchedulerSets() throws Exception {
		Path file = this.fixture.write("bad", """
				job: stock-update
				cron: 0 0 2 * * ?
				parameters: { file: /a.csv, as-of: "2026-01-01T00:00:00Z" }
				""");

		assertProblems(file + ":3: parameters.as-of: set by the scheduler for each run (schedule, fire-time, as-of = "
				+ "the fire time or an inbox file's modification time, launched-at), not by a schedule");
	}

	@Test
	void refusesAnUnknownKeyListingTheKeys() throws Exception {
		Path file = this.fixture.write("bad", "job: stock-update\ncron: 0 0 2 * * ?\nparameters: { file: /a.csv }\n"
				+ "overlaps: allow\n");

		assertProblems(file + ":4: unknown key 'overlaps' (keys: job, cron, zone, parameters, inbox, misfire, "
				+ "misfire-deadline, overlap, enabled)");
	}

	@Test
	void refusesBadPoliciesZoneAndDeadline() throws Exception {
		Path file = this.fixture.write("bad", """
				job: stock-update
				cron: 0 0 2 * * ?
				zone: Europe/Istambul
				parameters: { file: /a.csv }
				misfire: catch-up
				misfire-deadline: soon
				overlap: sometimes
				enabled: yes
				""");

		assertProblems(file + ":3: zone: unknown time zone 'Europe/Istambul' (a region such as Europe/Istanbul, or UTC)",
				file + ":5: misfire: 'catch-up' is not one of skip, run-once",
				file + ":6: misfire-deadline: 'soon' is not a positive duration (such as 30m, 4h, 1d)",
				file + ":6: misfire-deadline: applies only to misfire: run-once (a skipped time is never run late)",
				file + ":7: overlap: 'sometimes' is not one of forbid, allow, queue",
				file + ":8: enabled: 'yes' is not one of true, false");
	}

	@Test
	void refusesMissingFieldsAndAFileWithAnInbox() throws Exception {
		Path missing = this.fixture.write("missing", "zone: UTC\n");
		Path both = this.fixture.write("both", """
				job: stock-update
				cron: 0 0 2 * * ?
				inbox: /data/inbox
				parameters: { file: /a.csv }
				""");

		assertProblems(both + ":4: parameters.file: an inbox schedule runs the files that arrive in its inbox; remove "
				+ "parameters.file or inbox", missing + ": job: missing", missing + ": cron: missing",
				missing + ": parameters.file: missing: name the feed in parameters.file, or a directory in inbox");
	}

	@Test
	void refusesYamlThatDoesNotParseAndAFileThatIsNotASchedule() throws Exception {
		Path broken = this.fixture.write("broken", "job: stock-update\ncron: * * * * * ?\n");
		Path list = this.fixture.write("list", "- job: stock-update\n");
		Path empty = this.fixture.write("empty", "");

		assertThat(problems()).containsExactly(
				broken + ":2: not valid YAML: while scanning an alias: unexpected character found  (32) (quote a value "
						+ "that starts with *, such as \"* * * * * ?\")",
				empty + ": expected the keys of a schedule (job, cron, zone, parameters, inbox, misfire, misfire-deadline, "
						+ "overlap, enabled)",
				list + ":1: expected the keys of a schedule (job, cron, zone, parameters, inbox, misfire, "
						+ "misfire-deadline, overlap, enabled)");
	}

	@Test
	void refusesAFileNameThatCannotNameASchedule() throws Exception {
		Path file = this.fixture.write("nightly catalogue", "job: stock-update\ncron: 0 0 2 * * ?\nparameters: { file: /a.csv }\n");

		assertProblems(file + ": name: 'nightly catalogue' cannot name a schedule: letters, digits, '.', '_' and '-', "
				+ "starting with a letter or digit, at most 100");
	}

	@Test
	void refusesAMissingDirectoryRatherThanTakingItForNoSchedules() {
		ScheduleFiles files = new ScheduleFiles(new ScheduleProperties(this.dir.resolve("nowhere"), Duration.ofSeconds(5)),
				java.util.List.of(), this.fixture.clock);

		assertThatExceptionOfType(ScheduleFileException.class).isThrownBy(files::read)
			.withMessage("Bad schedule file: " + this.dir.resolve("nowhere")
					+ ": no such directory (set ambar.schedule.dir to the directory of the schedule files)");
	}

	private java.util.List<String> problems() {
		return assertThatExceptionOfType(ScheduleFileException.class).isThrownBy(this.fixture.files()::read)
			.actual()
			.problems();
	}

	private void assertProblems(String... expected) {
		assertThat(problems()).containsExactly(expected);
	}

}
