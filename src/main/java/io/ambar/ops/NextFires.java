package io.ambar.ops;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * When a job fires next on its schedules; the scheduler provides it, and without one nothing is scheduled.
 */
public interface NextFires {

	/** The earliest next fire time of the job's schedules, or null when none fires it. */
	@Nullable Instant of(String job);

}
