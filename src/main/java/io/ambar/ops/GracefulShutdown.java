package io.ambar.ops;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A server's orderly stop (SIGTERM): once the scheduler stopped taking firings (it stops first, in the highest
 * phase), asks every job execution running in this JVM to stop, which each does at its next chunk boundary, and
 * waits up to {@code ambar.server.shutdown-timeout} for them to end STOPPED, restartable, before the context goes
 * on closing the pools under them. A run still going after that is left to be recovered as orphaned.
 * <p>
 * It stops what {@link ExecutionOwners} says runs here, whoever launched it: a firing, or later the operator API.
 * Spring Batch 6's JobExecutionShutdownHook does not wait, and Spring Boot registers none.
 */
@Component
@ConditionalOnWebApplication
class GracefulShutdown implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(GracefulShutdown.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private final ExecutionOwners owners;

	private final Duration timeout;

	private volatile boolean running;

	GracefulShutdown(ExecutionOwners owners, ServerSettings settings) {
		this.owners = owners;
		this.timeout = settings.shutdownTimeout();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Set<Long> asked = new HashSet<>();
		// a run that was starting when the scheduler stopped shows up a moment later: it is asked in turn
		while (true) {
			List<JobExecution> running = List.copyOf(this.owners.running());
			if (running.isEmpty()) {
				if (!asked.isEmpty()) {
					logger.info("Stopped executions " + asked + "; restartable");
				}
				return;
			}
			for (JobExecution execution : running) {
				if (asked.add(execution.getId())) {
					this.owners.askToStop(execution);
				}
			}
			if (System.nanoTime() - deadline >= 0) {
				logger.warn("Executions " + running + " did not stop within " + this.timeout
						+ "; they will be recovered as orphaned and can be restarted");
				return;
			}
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Just below the Quartz scheduler (the highest phase), which must stop taking firings first. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1;
	}

}
