/**
 * Scheduling: schedules as code (one YAML file per schedule) reconciled into a clustered Quartz store, and the
 * firing that turns a scheduled time into exactly one run of a Spring Batch job, with explicit misfire, overlap and
 * inbox rules.
 */
@NullMarked
package io.ambar.schedule;

import org.jspecify.annotations.NullMarked;
