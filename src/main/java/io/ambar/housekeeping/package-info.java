/**
 * Retention: the {@code housekeeping} job, which deletes what is past its age (job metadata, reject ledgers, audit
 * rows, leftover staging tables, processed inbox files) in bounded chunks, and always keeps the latest execution of
 * each job and whatever can still run or be restarted.
 */
@NullMarked
package io.ambar.housekeeping;

import org.jspecify.annotations.NullMarked;
