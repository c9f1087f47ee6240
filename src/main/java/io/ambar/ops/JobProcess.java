package io.ambar.ops;

import java.time.Duration;

/**
 * The process recorded as running a job execution, and how long ago it last refreshed its heartbeat (measured
 * by the database clock, the one clock every host shares).
 */
record JobProcess(long executionId, String host, long pid, Duration heartbeatAge) {

	/** A heartbeat this old means a process on another host is gone: it missed three refreshes. */
	static final Duration STALE_AFTER = Duration.ofSeconds(3 * JobProcessRecorder.HEARTBEAT_SECONDS);

	/**
	 * Whether the process is gone: on this host, no live process has its pid; on another host, whose processes
	 * cannot be seen from here, its heartbeat is stale.
	 */
	boolean isGone(String thisHost) {
		if (this.host.equals(thisHost)) {
			return ProcessHandle.of(this.pid).map(process -> !process.isAlive()).orElse(true);
		}
		return this.heartbeatAge.compareTo(STALE_AFTER) > 0;
	}

	@Override
	public String toString() {
		return "pid " + this.pid + " on host " + this.host;
	}

}
