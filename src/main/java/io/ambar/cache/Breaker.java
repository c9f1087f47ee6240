package io.ambar.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A small circuit breaker in front of Redis (written here: it needs three states and a clock, not a library).
 * Closed, every call goes to Redis; after {@code failures} consecutive failures it opens and calls skip Redis for
 * {@code openFor}; then one call at a time tries Redis again (half-open): a success closes it, a failure opens it
 * for another {@code openFor}. So a Redis that is down costs one timeout per {@code openFor}, not one per read, and
 * the cache heals by itself when Redis returns.
 */
final class Breaker {

	/** The breaker's state; the ordinal is the value of the state gauge. */
	enum State {

		CLOSED, HALF_OPEN, OPEN

	}

	private final int failures;

	private final Duration openFor;

	private final Clock clock;

	private volatile State state = State.CLOSED;

	private volatile int consecutiveFailures;

	private Instant openedAt = Instant.MIN;

	Breaker(int failures, Duration openFor, Clock clock) {
		this.failures = failures;
		this.openFor = openFor;
		this.clock = clock;
	}

	/**
	 * Whether a call may go to Redis now; when it returns true the caller must report {@link #success()} or
	 * {@link #failure()}.
	 */
	boolean allow() {
		if (this.state == State.CLOSED) {
			return true;
		}
		synchronized (this) {
			if (this.state == State.OPEN && !this.clock.instant().isBefore(this.openedAt.plus(this.openFor))) {
				// the trial call: the others keep skipping Redis until it reports
				this.state = State.HALF_OPEN;
				return true;
			}
			return this.state == State.CLOSED;
		}
	}

	void success() {
		if (this.state == State.CLOSED && this.consecutiveFailures == 0) {
			return;
		}
		synchronized (this) {
			this.consecutiveFailures = 0;
			this.state = State.CLOSED;
		}
	}

	synchronized void failure() {
		this.consecutiveFailures++;
		if (this.state == State.HALF_OPEN || this.consecutiveFailures >= this.failures) {
			this.state = State.OPEN;
			this.openedAt = this.clock.instant();
		}
	}

	State state() {
		return this.state;
	}

}
