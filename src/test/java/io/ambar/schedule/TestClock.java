package io.ambar.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock scheduling reads in tests: the system clock until a test sets it, then that instant until it moves it.
 */
class TestClock extends Clock {

	private volatile Instant fixed;

	/** Stops the clock at the instant. */
	void set(Instant instant) {
		this.fixed = instant;
	}

	/** Moves a stopped clock on. */
	void advance(Duration duration) {
		this.fixed = this.fixed.plus(duration);
	}

	/** Back to the system clock. */
	void reset() {
		this.fixed = null;
	}

	@Override
	public Instant instant() {
		Instant instant = this.fixed;
		return (instant != null) ? instant : Instant.now();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("scheduling reads instants only");
	}

}
