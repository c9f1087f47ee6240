package io.ambar.bench;

import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where an Ambar run spent its time, from the job repository: each step of a job's newest execution with its
 * duration, in the order the steps ran ({@code fingerprint 0.01 s, load 1.71 s, classify 2.10 s, ...}). Read the same
 * way whether the run was in the bench's JVM or a process of its own.
 */
final class StepTimes {

	private StepTimes() {
	}

	/** The newest execution's steps of the job ({@code stock-update}, {@code product-sync}); empty if none ran. */
	static String newest(JdbcClient jdbc, String jobName) {
		List<String> steps = jdbc.sql("""
				SELECT s.step_name, extract(epoch FROM s.end_time - s.start_time) AS seconds
				FROM batch_step_execution s
				WHERE s.job_execution_id = (SELECT max(e.job_execution_id) FROM batch_job_execution e
				      JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id WHERE i.job_name = :job)
				ORDER BY s.start_time, s.step_execution_id""")
			.param("job", jobName)
			.query((rs, row) -> String.format(Locale.ROOT, "%s %.2f s", rs.getString("step_name"),
					rs.getDouble("seconds")))
			.list();
		return String.join(", ", steps);
	}

}
