package io.ambar.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.listeners.SchedulerListenerSupport;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scheduler's health: DOWN when this node's Quartz is not started (or in standby, or shut down), when it
 * reported an error lately (Quartz reports a failed trigger acquisition this way), or when a trigger of the cluster
 * waits past its fire time by more than twice the misfire threshold plus the idle wait: then no node acquires
 * triggers, and no misfire handling moves them on either.
 */
class SchedulerHealth implements HealthIndicator {

	private final Scheduler scheduler;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final long overdueAfterMillis;

	private volatile @Nullable Instant lastErrorAt;

	private volatile @Nullable String lastError;

	/**
	 * @param quartz the scheduler's properties ({@code spring.quartz.properties}), for the misfire threshold and the
	 * idle wait
	 */
	SchedulerHealth(Scheduler scheduler, JdbcClient jdbc, Clock clock, Map<String, String> quartz)
			throws SchedulerException {
		this.scheduler = scheduler;
		this.jdbc = jdbc;
		this.clock = clock;
		long misfireThreshold = Long.parseLong(quartz.getOrDefault("org.quartz.jobStore.misfireThreshold", "60000"));
		long idleWait = Long.parseLong(quartz.getOrDefault("org.quartz.scheduler.idleWaitTime", "30000"));
		this.overdueAfterMillis = 2 * misfireThreshold + idleWait;
		scheduler.getListenerManager().addSchedulerListener(new SchedulerListenerSupport() {
			@Override
			public void schedulerError(String message, SchedulerException cause) {
				SchedulerHealth.this.lastError = message + ": " + cause.getMessage();
				SchedulerHealth.this.lastErrorAt = clock.instant();
			}
		});
	}

	@Override
	public Health health() {
		try {
			if (this.scheduler.isShutdown() || !this.scheduler.isStarted() || this.scheduler.isInStandbyMode()) {
				return Health.down().withDetail("state", this.scheduler.isShutdown() ? "shut down" : "not started")
					.build();
			}
			Instant now = this.clock.instant();
			Instant errorAt = this.lastErrorAt;
			if (errorAt != null && errorAt.isAfter(now.minusMillis(this.overdueAfterMillis))) {
				return Health.down().withDetail("error", String.valueOf(this.lastError)).withDetail("at", errorAt.toString())
					.build();
			}
			Long overdue = this.jdbc.sql("""
					SELECT count(*) FROM qrtz_triggers
					WHERE sched_name = ? AND trigger_state = 'WAITING' AND next_fire_time < ?""")
				.params(this.scheduler.getSchedulerName(), now.toEpochMilli() - this.overdueAfterMillis)
				.query(Long.class)
				.single();
			if (overdue > 0) {
				return Health.down()
					.withDetail("overdueTriggers", overdue)
					.withDetail("reason", "triggers wait past their fire time: no node acquires them")
					.build();
			}
			return Health.up().withDetail("scheduler", this.scheduler.getSchedulerName()).build();
		}
		catch (SchedulerException | RuntimeException ex) {
			return Health.down(ex).build();
		}
	}

}
