package io.ambar.ops;

import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * Tells whoever follows a run in this process that a run ended, so that {@code run} and {@code restart} return as
 * soon as the job's end is written rather than at their next poll (on a 3-line feed the 500 ms poll was a tenth of
 * the command). Signalled when a job's thread ends: Spring Batch writes a run's end after its listeners' afterJob,
 * so only the end of the thread says that the row tells how the run ended.
 */
@Component
public class RunEnds {

	private final Object lock = new Object();

	private long ended;

	/** The job as the run's thread should run it: signalling its end, however it ends. */
	Runnable signalling(Runnable job) {
		return () -> {
			try {
				job.run();
			}
			finally {
				synchronized (this.lock) {
					this.ended++;
					this.lock.notifyAll();
				}
			}
		};
	}

	/** How many runs ended in this process: a mark for {@link #awaitAfter}. */
	public long count() {
		synchronized (this.lock) {
			return this.ended;
		}
	}

	/** Returns once a run ended after {@code mark} was taken, or {@code max} passed. */
	public void awaitAfter(long mark, Duration max) throws InterruptedException {
		long deadline = System.nanoTime() + max.toNanos();
		synchronized (this.lock) {
			long left;
			while (this.ended == mark && (left = deadline - System.nanoTime()) > 0) {
				this.lock.wait(Math.max(1, left / 1_000_000));
			}
		}
	}

}
