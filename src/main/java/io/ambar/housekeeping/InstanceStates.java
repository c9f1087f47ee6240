package io.ambar.housekeeping;

/**
 * The one rule of what housekeeping must leave alone, as SQL: a job instance is <em>held</em> while an execution of
 * it runs, or while its last execution can still be restarted (FAILED, STOPPED or UNKNOWN: anything but COMPLETED
 * and ABANDONED). A held instance keeps its executions, ledger, claim and staging tables, whatever their age.
 */
final class InstanceStates {

	private InstanceStates() {
	}

	/**
	 * A condition true when the instance is held.
	 * @param instanceId the SQL expression of the job instance id (a column, never a value)
	 */
	static String held(String instanceId) {
		return """
				EXISTS (SELECT 1 FROM batch_job_execution h WHERE h.job_instance_id = %1$s
				        AND (h.status IN ('STARTING', 'STARTED', 'STOPPING')
				             OR (coalesce(h.status, 'UNKNOWN') NOT IN ('COMPLETED', 'ABANDONED')
				                 AND h.job_execution_id = (SELECT max(m.job_execution_id) FROM batch_job_execution m
				                                           WHERE m.job_instance_id = %1$s))))""".formatted(instanceId);
	}

}
