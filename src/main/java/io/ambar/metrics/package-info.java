/**
 * Monitoring: the names of Ambar's meters, the listeners and gauges that record them, the run log (one line per
 * step and job, the MDC), and the health of the scheduler and of executions. The operations layer knows nothing of
 * it; a process without a meter registry (a CLI command) gets the run log only.
 */
@NullMarked
package io.ambar.metrics;

import org.jspecify.annotations.NullMarked;
