package io.ambar.schedule;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On a server's stop, lets the firings in progress finish before the context closes the pools under them: by then
 * the scheduler takes no new firing and the server's runs have stopped (io.ambar.ops.GracefulShutdown, the phase
 * above), so a firing only records how its run ended, or gives up waiting for its turn.
 */
@Component
class FiringDrain implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(FiringDrain.class);

	/** Ample for a firing whose run has stopped to record it. */
	private static final Duration LIMIT = Duration.ofSeconds(10);

	private final ObjectProvider<Scheduler> scheduler;

	private volatile boolean running;

	FiringDrain(ObjectProvider<Scheduler> scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		Scheduler quartz = this.scheduler.getIfAvailable();
		if (quartz == null) {
			return;
		}
		long deadline = System.nanoTime() + LIMIT.toNanos();
		try {
			while (!quartz.getCurrentlyExecutingJobs().isEmpty()) {
				if (System.nanoTime() - deadline >= 0) {
					logger.warn(quartz.getCurrentlyExecutingJobs().size()
							+ " firings did not finish; Quartz recovers them");
					return;
				}
				Thread.sleep(100);
			}
		}
		catch (SchedulerException ex) {
			logger.warn("Could not wait for the firings in progress: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Below io.ambar.ops.GracefulShutdown, which stops the runs the firings wait for. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 2;
	}

}
