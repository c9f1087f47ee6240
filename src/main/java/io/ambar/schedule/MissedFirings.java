package io.ambar.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.ambar.ops.FireTimes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.quartz.CronTrigger;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Counts the fire times a schedule missed, as Quartz finds them (its misfire handling, when a node comes back or a
 * paused schedule resumes), whatever the misfire policy does next: {@code skip} runs none of them,
 * {@code run-once} one.
 * <p>
 * Quartz tells this listener while it holds its store's lock in a transaction; the count is written afterwards, on
 * a thread of its own, so that the listener never waits for the database under that lock.
 */
@Component
class MissedFirings extends TriggerListenerSupport implements DisposableBean {

	private static final Log logger = LogFactory.getLog(MissedFirings.class);

	/** Counting stops here: an every-second schedule down for a month would take long to count exactly. */
	static final long COUNT_LIMIT = 100_000;

	private final ScheduleLedger ledger;

	private final Clock clock;

	private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "ambar-missed-firings");
		thread.setDaemon(true);
		return thread;
	});

	MissedFirings(ScheduleLedger ledger, Clock clock) {
		this.ledger = ledger;
		this.clock = clock;
	}

	@Override
	public String getName() {
		return "ambar-missed-firings";
	}

	/** @param trigger the trigger as it was before Quartz applied its misfire instruction */
	@Override
	public void triggerMisfired(Trigger trigger) {
		if (!(trigger instanceof CronTrigger cron) || !QuartzSchedules.GROUP.equals(trigger.getKey().getGroup())
				|| trigger.getNextFireTime() == null) {
			return;
		}
		String name = trigger.getJobKey().getName();
		Instant now = this.clock.instant();
		FireTimes times = FireTimes.of(cron.getCronExpression(), cron.getTimeZone().toZoneId());
		long missed = times.count(trigger.getNextFireTime().toInstant(), now, COUNT_LIMIT);
		boolean runOnce = cron.getMisfireInstruction() == CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW;
		// as Quartz goes on to compute it, by its own clock
		Date next = runOnce ? new Date() : trigger.getFireTimeAfter(new Date());
		String job = String.valueOf(trigger.getDescription());
		logger.info("Schedule " + name + ": missed " + missed + ((missed == COUNT_LIMIT) ? " or more" : "")
				+ " fire times from " + trigger.getNextFireTime().toInstant() + " ("
				+ (runOnce ? "run-once: one late run" : "skip: none run late") + ")");
		this.writer.execute(() -> {
			try {
				this.ledger.missed(name, job, missed, (next != null) ? next.toInstant() : null);
			}
			catch (RuntimeException ex) {
				logger.warn("Schedule " + name + ": could not record " + missed + " missed fire times: "
						+ ex.getMessage());
			}
		});
	}

	@Override
	public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
		return false;
	}

	@Override
	public void destroy() {
		this.writer.shutdown();
	}

}
