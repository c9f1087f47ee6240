package io.ambar.schedule;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reconciles the store with the schedule files just before this process's scheduler starts firing (server mode,
 * {@code spring.quartz.auto-startup}); a bad file fails the start. Other processes never read the files.
 */
@Component
class ReconcileOnStart implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ReconcileOnStart.class);

	private final ScheduleFiles files;

	private final ScheduleReconciler reconciler;

	private final boolean schedulerStarts;

	private volatile boolean running;

	ReconcileOnStart(ScheduleFiles files, ScheduleReconciler reconciler, QuartzProperties quartz) {
		this.files = files;
		this.reconciler = reconciler;
		this.schedulerStarts = quartz.isAutoStartup();
	}

	@Override
	public void start() {
		if (this.schedulerStarts) {
			ScheduleReconciler.Diff diff = this.reconciler.reconcile(this.files.read());
			logger.info("Schedules in " + this.files.dir().toAbsolutePath().normalize() + ": " + diff);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Just before the Quartz scheduler, which starts last (SchedulerFactoryBean's phase is the highest). */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1;
	}

}
