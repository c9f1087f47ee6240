package io.ambar.metrics;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Reads the gauges that come from the database ({@link JobReadings}, {@link ScheduleReadings}) once at start and
 * every {@code ambar.metrics.refresh-interval}, on a thread of its own: a scrape reads the last readings and never
 * waits for a query. A failed reading is logged and the last one kept.
 */
class MetricsRefresh implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(MetricsRefresh.class);

	private final JobReadings jobs;

	private final ScheduleReadings schedules;

	private final MeterRegistry registry;

	private final MetricsSettings settings;

	private volatile @Nullable ScheduledExecutorService timer;

	MetricsRefresh(JobReadings jobs, ScheduleReadings schedules, MeterRegistry registry, MetricsSettings settings) {
		this.jobs = jobs;
		this.schedules = schedules;
		this.registry = registry;
		this.settings = settings;
	}

	/** Reads everything now. */
	void refresh() {
		try {
			this.jobs.refresh();
			this.schedules.refresh(this.registry);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read the metrics of jobs and schedules: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "ambar-metrics");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.settings.refreshInterval().toMillis();
		timer.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
		this.timer = timer;
	}

	@Override
	public void stop() {
		ScheduledExecutorService timer = this.timer;
		if (timer != null) {
			timer.shutdownNow();
		}
		this.timer = null;
	}

	@Override
	public boolean isRunning() {
		return this.timer != null;
	}

}
