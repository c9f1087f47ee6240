package io.ambar.schedule;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Trigger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cron expression is read in its schedule's zone, daylight saving time included: the stored trigger fires at the
 * same local time across a change, once per local time. In Europe/Berlin, 2026-03-29 02:00 CET becomes 03:00 CEST
 * and 2026-10-25 03:00 CEST becomes 02:00 CET. The clock the reconciliation starts the trigger from is the test's.
 */
@ScheduleTest
class DaylightSavingTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Autowired
	ApplicationContext context;

	@TempDir
	Path dir;

	ScheduleFixture fixture;

	@BeforeEach
	void emptyStore() throws Exception {
		this.fixture = new ScheduleFixture(this.context, this.dir);
		this.fixture.clean();
	}

	@Test
	void firesAtTheSameLocalTimeOnEitherSideOfTheSpringForwardChange() throws Exception {
		this.fixture.clock.set(Instant.parse("2026-03-27T12:00:00Z"));

		List<Instant> times = fireTimes("0 30 1 * * ?", 4);

		assertThat(times).containsExactly(Instant.parse("2026-03-28T00:30:00Z"), Instant.parse("2026-03-29T00:30:00Z"),
				Instant.parse("2026-03-29T23:30:00Z"), Instant.parse("2026-03-30T23:30:00Z"));
		assertThat(times).extracting(time -> time.atZone(BERLIN).toLocalTime().toString()).containsOnly("01:30");
		assertThat(this.fixture.entry("berlin").nextFireTime()).isEqualTo(Instant.parse("2026-03-28T00:30:00Z"));
	}

	@Test
	void skipsALocalTimeThatTheSpringForwardChangeLeavesOut() throws Exception {
		this.fixture.clock.set(Instant.parse("2026-03-27T12:00:00Z"));

		// 02:30 does not exist in Berlin on 2026-03-29
		assertThat(fireTimes("0 30 2 * * ?", 3)).containsExactly(Instant.parse("2026-03-28T01:30:00Z"),
				Instant.parse("2026-03-30T00:30:00Z"), Instant.parse("2026-03-31T00:30:00Z"));
	}

	@Test
	void firesALocalTimeThatTheFallBackChangeRepeatsOnce() throws Exception {
		this.fixture.clock.set(Instant.parse("2026-10-24T12:00:00Z"));

		// 02:30 happens twice in Berlin on 2026-10-25 (00:30Z in CEST, 01:30Z in CET): it fires at the second
		assertThat(fireTimes("0 30 2 * * ?", 3)).containsExactly(Instant.parse("2026-10-25T01:30:00Z"),
				Instant.parse("2026-10-26T01:30:00Z"), Instant.parse("2026-10-27T01:30:00Z"));
	}

	@Test
	void firesEachLocalHourOnceAcrossTheFallBackChange() throws Exception {
		this.fixture.clock.set(Instant.parse("2026-10-24T22:00:00Z"));

		List<Instant> times = fireTimes("0 15 * * * ?", 4);

		// 01:15 CEST, then 02:15 CET: the first 02:15 (CEST) is not fired, as Quartz fires a local time once
		assertThat(times).containsExactly(Instant.parse("2026-10-24T22:15:00Z"), Instant.parse("2026-10-24T23:15:00Z"),
				Instant.parse("2026-10-25T01:15:00Z"), Instant.parse("2026-10-25T02:15:00Z"));
		assertThat(times).extracting(time -> time.atZone(BERLIN).toLocalTime().toString())
			.containsExactly("00:15", "01:15", "02:15", "03:15");
	}

	/** Reconciles a schedule in Berlin at the test's clock and reads the fire times of the stored trigger. */
	private List<Instant> fireTimes(String cron, int count) throws Exception {
		this.fixture.write("berlin", """
				job: stock-update
				cron: "%s"
				zone: Europe/Berlin
				parameters: { file: /data/stock.csv }
				""".formatted(cron));
		this.fixture.reconcile();
		Trigger trigger = this.fixture.scheduler.getTrigger(QuartzSchedules.triggerKey("berlin"));
		List<Instant> times = new ArrayList<>();
		Date next = trigger.getNextFireTime();
		while (times.size() < count) {
			times.add(next.toInstant());
			next = trigger.getFireTimeAfter(next);
		}
		return times;
	}

}
