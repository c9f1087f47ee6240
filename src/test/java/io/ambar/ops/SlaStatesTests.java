package io.ambar.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ambar.ops.Schedules.Schedule;
import io.ambar.ops.SlaStates.Sla;
import io.ambar.ops.SlaStates.State;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SLA of a job scheduled every day at 02:00 Europe/Istanbul (23:00 UTC the day before), judged at chosen
 * times with a grace of 30 minutes.
 */
class SlaStatesTests {

	private static final Instant FIRED = Instant.parse("2026-11-29T23:00:00Z");

	private static final Instant FIRED_BEFORE = FIRED.minus(Duration.ofDays(1));

	private final SlaStates slas = new SlaStates(new SlaSettings(Duration.ofMinutes(30)));

	@Test
	void isOnTimeWhenTheLastFireTimeHasItsSuccessfulRun() {
		Sla sla = this.slas.of(List.of(nightly().lastRun(FIRED, "COMPLETED").lastSuccess(FIRED).build()), null,
				FIRED.plus(Duration.ofHours(5)));

		assertThat(sla.state()).isEqualTo(State.ON_TIME);
		assertThat(sla.reason()).isEqualTo("nightly: ran successfully for 2026-11-30 02:00 Europe/Istanbul");
	}

	@Test
	void isOnTimeWhileTheDueRunIsWithinItsGracePeriod() {
		Sla sla = this.slas.of(List.of(nightly().lastRun(FIRED, "STARTED").lastSuccess(FIRED_BEFORE).build()), null,
				FIRED.plus(Duration.ofMinutes(20)));

		assertThat(sla.state()).isEqualTo(State.ON_TIME);
	}

	@Test
	void isLateWhenTheDueRunHasNotCompletedWithinTheGracePeriod() {
		Sla running = this.slas.of(List.of(nightly().lastRun(FIRED, "STARTED").lastSuccess(FIRED_BEFORE).build()), null,
				FIRED.plus(Duration.ofMinutes(31)));
		Sla notStarted = this.slas.of(List.of(nightly().lastRun(FIRED_BEFORE, "COMPLETED").lastSuccess(FIRED_BEFORE).build()),
				null, FIRED.plus(Duration.ofMinutes(31)));

		assertThat(running).isEqualTo(new Sla(State.LATE,
				"nightly: the run for 2026-11-30 02:00 Europe/Istanbul has not completed within 30 min"));
		assertThat(notStarted).isEqualTo(new Sla(State.LATE,
				"nightly: no run has started for 2026-11-30 02:00 Europe/Istanbul within 30 min"));
	}

	@Test
	void isMissedWhenTheDueRunFailed() {
		Sla sla = this.slas.of(List.of(nightly().lastRun(FIRED, "FAILED").lastSuccess(FIRED_BEFORE).build()), null,
				FIRED.plus(Duration.ofMinutes(10)));

		assertThat(sla).isEqualTo(new Sla(State.MISSED, "nightly: the run for 2026-11-30 02:00 Europe/Istanbul ended FAILED"));
	}

	@Test
	void isMissedWhenAFireTimePassedWithNoSuccessfulRunForIt() {
		Sla sla = this.slas.of(List.of(nightly().lastRun(FIRED_BEFORE, "FAILED")
			.lastSuccess(FIRED_BEFORE.minus(Duration.ofDays(1)))
			.build()), null, FIRED.plus(Duration.ofMinutes(5)));

		assertThat(sla.state()).isEqualTo(State.MISSED);
		assertThat(sla.reason()).startsWith("nightly: no successful run for 2026-11-29 02:00 Europe/Istanbul");
	}

	@Test
	void countsARunLaunchedByHandSinceTheFireTime() {
		Sla sla = this.slas.of(List.of(nightly().lastRun(FIRED_BEFORE, "FAILED").build()),
				FIRED.plus(Duration.ofMinutes(3)), FIRED.plus(Duration.ofHours(2)));

		assertThat(sla.state()).isEqualTo(State.ON_TIME);
	}

	@Test
	void takesTheWorstScheduleOfTheJob() {
		Schedule onTime = nightly().lastRun(FIRED, "COMPLETED").lastSuccess(FIRED).build();
		Schedule missed = new ScheduleBuilder("hourly", "0 0 * * * ?").lastRun(FIRED_BEFORE, "COMPLETED")
			.lastSuccess(FIRED_BEFORE)
			.build();

		Sla sla = this.slas.of(List.of(onTime, missed), null, FIRED.plus(Duration.ofHours(3)));

		assertThat(sla.state()).isEqualTo(State.MISSED);
		assertThat(sla.reason()).startsWith("hourly: no successful run for 2026-11-30 04:00 Europe/Istanbul");
	}

	@Test
	void hasNoStateWithoutAnActiveSchedule() {
		assertThat(this.slas.of(List.of(), null, FIRED).state()).isEqualTo(State.NONE);
		assertThat(this.slas.of(List.of(nightly().paused().build()), null, FIRED.plus(Duration.ofDays(3))))
			.isEqualTo(new Sla(State.NONE, "no active schedule: paused, disabled or waiting for files in an inbox"));
	}

	private static ScheduleBuilder nightly() {
		return new ScheduleBuilder("nightly", "0 0 2 * * ?");
	}

	/** A schedule of stock-update in Europe/Istanbul, as a scheduler reports it. */
	private static final class ScheduleBuilder {

		private final String name;

		private final String cron;

		private boolean paused;

		private @Nullable Instant lastRun;

		private @Nullable String lastOutcome;

		private @Nullable Instant lastSuccess;

		ScheduleBuilder(String name, String cron) {
			this.name = name;
			this.cron = cron;
		}

		ScheduleBuilder paused() {
			this.paused = true;
			return this;
		}

		ScheduleBuilder lastRun(Instant fireTime, String outcome) {
			this.lastRun = fireTime;
			this.lastOutcome = outcome;
			return this;
		}

		ScheduleBuilder lastSuccess(Instant fireTime) {
			this.lastSuccess = fireTime;
			return this;
		}

		Schedule build() {
			return new Schedule(this.name, "stock-update", this.cron, "Europe/Istanbul", "", Map.of(), null, "run-once",
					null, "forbid", true, this.paused, null, this.lastRun, null, this.lastOutcome, this.lastSuccess, 0, 0,
					null, null);
		}

	}

}
