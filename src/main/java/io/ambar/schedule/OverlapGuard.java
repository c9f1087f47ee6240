package io.ambar.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.ambar.feed.FeedParameters;
import io.ambar.ops.ExecutionLiveness;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A schedule's overlap policy, decided in the database so that it holds across nodes.
 * <p>
 * Under {@code forbid} and {@code queue} a firing runs only while it holds its schedule's claim: a row of
 * {@code ambar_schedule} naming the Quartz firing (its fire instance id) that runs it. Taking the claim is one
 * statement that locks the row, so two nodes can never both take it. A claim lasts as long as Quartz records its
 * firing as executing: it ends with the firing, and when a node dies Quartz's cluster recovery removes its firings,
 * which voids their claims without any timeout of ours. A run of the schedule started another way (an operator's
 * {@code restart}) holds no claim, so a firing also waits for, or skips, running executions of its schedule,
 * taking an orphaned one (its process is gone) for ended.
 * <p>
 * {@code queue} holds at most one firing back: a second one that finds another already waiting is skipped, so that
 * a slow run never piles firings up. A firing of a crashed node's run, resumed elsewhere, waits whatever the policy:
 * it was admitted already, and must not run beside a run that started since.
 */
@Component
class OverlapGuard {

	/** How often a waiting firing looks again. */
	static final Duration POLL = Duration.ofMillis(500);

	private final JdbcClient jdbc;

	private final JobRepository jobRepository;

	private final ExecutionLiveness liveness;

	OverlapGuard(JdbcClient jdbc, JobRepository jobRepository, ExecutionLiveness liveness) {
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.liveness = liveness;
	}

	/** A firing's hold on its schedule, released when closed; nothing to release under {@code allow}. */
	interface Claim extends AutoCloseable {

		@Override
		void close();

	}

	/**
	 * Decides whether the firing runs now, waiting where its policy says to.
	 * @param firing the Quartz fire instance id
	 * @param fireTime the time the firing stands for (its own executions, resumed, do not count as overlapping)
	 * @param resuming the firing resumes a run a dead node started
	 * @param stopping true once the server stops: a waiting firing gives up
	 * @return the claim to hold while running, or empty when the firing must not run: forbid and busy, queue and
	 * another firing already waits, or the server stopped while it waited
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	Optional<Claim> enter(Schedule schedule, String firing, Instant fireTime, boolean resuming,
			BooleanSupplier stopping) throws InterruptedException {
		if (schedule.overlap() == Schedule.Overlap.ALLOW) {
			return Optional.of(() -> {
			});
		}
		boolean waits = resuming || schedule.overlap() == Schedule.Overlap.QUEUE;
		boolean queued = false;
		while (true) {
			if (claim(schedule, firing)) {
				if (!otherRunRunning(schedule, fireTime)) {
					return Optional.of(() -> release(schedule.name(), firing));
				}
				release(schedule.name(), firing);
			}
			if (!waits) {
				return Optional.empty();
			}
			if (!resuming && !queued) {
				queued = queue(schedule, firing);
				if (!queued) {
					return Optional.empty();
				}
			}
			if (stopping.getAsBoolean()) {
				dequeue(schedule.name(), firing);
				return Optional.empty();
			}
			Thread.sleep(POLL.toMillis());
		}
	}

	/**
	 * Takes the schedule's claim if it is free (never taken, released, or held by a firing Quartz no longer runs)
	 * and no other live firing waits for it: the waiting one goes first.
	 */
	private boolean claim(Schedule schedule, String firing) {
		return this.jdbc.sql("""
				INSERT INTO ambar_schedule AS s (name, job_name, running_firing) VALUES (:name, :job, :firing)
				ON CONFLICT (name) DO UPDATE SET running_firing = :firing,
				    queued_firing = CASE WHEN s.queued_firing = :firing THEN NULL ELSE s.queued_firing END,
				    updated_at = now()
				WHERE (s.running_firing IS NULL OR s.running_firing = :firing OR NOT EXISTS (
				        SELECT 1 FROM qrtz_fired_triggers f WHERE f.entry_id = s.running_firing))
				  AND (s.queued_firing IS NULL OR s.queued_firing = :firing OR NOT EXISTS (
				        SELECT 1 FROM qrtz_fired_triggers f WHERE f.entry_id = s.queued_firing))""")
			.param("name", schedule.name())
			.param("job", schedule.job())
			.param("firing", firing)
			.update() == 1;
	}

	/** Takes the one waiting place of a queue schedule, if no other live firing holds it. */
	private boolean queue(Schedule schedule, String firing) {
		return this.jdbc.sql("""
				UPDATE ambar_schedule s SET queued_firing = :firing, updated_at = now()
				WHERE s.name = :name AND (s.queued_firing IS NULL OR s.queued_firing = :firing OR NOT EXISTS (
				    SELECT 1 FROM qrtz_fired_triggers f WHERE f.entry_id = s.queued_firing))""")
			.param("name", schedule.name())
			.param("firing", firing)
			.update() == 1;
	}

	private void release(String name, String firing) {
		this.jdbc.sql("UPDATE ambar_schedule SET running_firing = NULL WHERE name = ? AND running_firing = ?")
			.params(name, firing)
			.update();
	}

	private void dequeue(String name, String firing) {
		this.jdbc.sql("UPDATE ambar_schedule SET queued_firing = NULL WHERE name = ? AND queued_firing = ?")
			.params(name, firing)
			.update();
	}

	/**
	 * Whether a run of the schedule runs now, so that a firing under {@code forbid} would be skipped: a live firing
	 * holds its claim, or a run it did not start runs.
	 */
	boolean busy(Schedule schedule) {
		boolean claimed = this.jdbc.sql("""
				SELECT count(*) > 0 FROM ambar_schedule s JOIN qrtz_fired_triggers f ON f.entry_id = s.running_firing
				WHERE s.name = ?""")
			.param(schedule.name())
			.query(Boolean.class)
			.single();
		return claimed || otherRunRunning(schedule, Instant.EPOCH);
	}

	/**
	 * Whether a run of the schedule for another fire time is running: started by an operator, or by a firing whose
	 * node is not yet known to be dead. One whose process is gone is orphaned, and does not count.
	 */
	private boolean otherRunRunning(Schedule schedule, Instant fireTime) {
		String mine = fireTime.toString();
		for (JobExecution execution : this.jobRepository.findRunningJobExecutions(schedule.job())) {
			String name = execution.getJobParameters().getString(FeedParameters.SCHEDULE);
			String time = execution.getJobParameters().getString(FeedParameters.FIRE_TIME);
			if (schedule.name().equals(name) && !mine.equals(time)
					&& this.liveness.check(execution).state() != ExecutionLiveness.State.ORPHANED) {
				return true;
			}
		}
		return false;
	}

}
