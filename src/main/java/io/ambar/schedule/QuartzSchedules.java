package io.ambar.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import java.util.UUID;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * How a schedule is kept in the Quartz store: a durable job (its definition in the job data, as text) with one cron
 * trigger of the same name, both in the {@value #GROUP} group; one-shot triggers for operators' "run now" in the
 * {@value #MANUAL_GROUP} group, and for resuming runs a stopping server stopped in the {@value #RESUME_GROUP} group.
 * <p>
 * The job asks for recovery: when a node dies during a firing, another node fires it again, as the same scheduled
 * time, and {@link ScheduledLaunch} resumes its run instead of starting a second one.
 */
final class QuartzSchedules {

	/** The group of the schedules' jobs and cron triggers; reconciliation owns this group and only it. */
	static final String GROUP = "ambar";

	/** The group of one-shot triggers made by {@code trigger <name>}. */
	static final String MANUAL_GROUP = "ambar-manual";

	/** The group of one-shot triggers that resume a run a stopping server stopped, for the time it stood for. */
	static final String RESUME_GROUP = "ambar-resume";

	/** In a resume trigger's data: the time the stopped run stands for. */
	static final String FIRE_TIME = "fire-time";

	private QuartzSchedules() {
	}

	static JobKey jobKey(String name) {
		return JobKey.jobKey(name, GROUP);
	}

	static TriggerKey triggerKey(String name) {
		return TriggerKey.triggerKey(name, GROUP);
	}

	static JobDetail job(Schedule schedule) {
		return JobBuilder.newJob(ScheduledFiring.class)
			.withIdentity(jobKey(schedule.name()))
			.withDescription(schedule.job() + " on " + schedule.cron() + " (" + schedule.zone() + ")")
			.usingJobData(new JobDataMap(schedule.toData()))
			.storeDurably()
			.requestRecovery()
			.build();
	}

	/**
	 * The schedule's cron trigger, from the given start on, with the misfire instruction its policy stands for:
	 * never Quartz's "smart policy", which would run a 02:00 job at 09:00 after an outage.
	 */
	static CronTrigger cronTrigger(Schedule schedule, Instant startAt) {
		CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(schedule.cron())
			.inTimeZone(TimeZone.getTimeZone(schedule.zone()));
		cron = switch (schedule.misfire()) {
			// a missed time is not run late: the trigger moves on to its next time
			case SKIP -> cron.withMisfireHandlingInstructionDoNothing();
			// one late run now, whatever the number of missed times; ScheduledFiring applies the deadline
			case RUN_ONCE -> cron.withMisfireHandlingInstructionFireAndProceed();
		};
		return TriggerBuilder.newTrigger()
			.withIdentity(triggerKey(schedule.name()))
			// the job's name, for what is recorded of the trigger's misfires
			.withDescription(schedule.job())
			.forJob(jobKey(schedule.name()))
			.startAt(Date.from(startAt))
			.withSchedule(cron)
			.build();
	}

	/**
	 * A one-shot trigger that resumes the run of a fire time on the first node that fires, now if another node runs,
	 * else when a server starts. One per schedule and fire time.
	 */
	static Trigger resumeTrigger(String name, Instant fireTime, Instant now) {
		return TriggerBuilder.newTrigger()
			.withIdentity(name + "@" + fireTime, RESUME_GROUP)
			.forJob(jobKey(name))
			.usingJobData(FIRE_TIME, fireTime.toString())
			.startAt(Date.from(now))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
			.build();
	}

	/** A one-shot trigger that runs the schedule now, or as soon as a node can if none runs. */
	static Trigger manualTrigger(String name, Instant now) {
		return TriggerBuilder.newTrigger()
			.withIdentity(name + "-" + UUID.randomUUID(), MANUAL_GROUP)
			.forJob(jobKey(name))
			.startAt(Date.from(now))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
			.build();
	}

}
