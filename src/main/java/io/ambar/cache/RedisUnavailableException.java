package io.ambar.cache;

/** Redis did not take a write: it failed, timed out, or the breaker is open and it was not tried. */
class RedisUnavailableException extends RuntimeException {

	private final boolean skipped;

	RedisUnavailableException(String message, boolean skipped, Throwable cause) {
		super(message, cause);
		this.skipped = skipped;
	}

	static RedisUnavailableException skipped() {
		return new RedisUnavailableException("Redis skipped: the circuit breaker is open", true, null);
	}

	/** True when Redis was not tried at all because the breaker is open: retrying now is pointless. */
	boolean wasSkipped() {
		return this.skipped;
	}

}
