package io.ambar.ops;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.job.Job;
import org.springframework.stereotype.Component;

/**
 * The jobs operators can run, by job name ({@code stock-update}, {@code product-sync}, ...).
 */
@Component
class Jobs {

	private final Map<String, Job> byName = new TreeMap<>();

	Jobs(List<Job> jobs) {
		jobs.forEach(job -> this.byName.put(job.getName(), job));
	}

	/**
	 * @throws UsageException naming the known jobs when there is no job of that name
	 */
	Job named(String name) {
		Job job = this.byName.get(name);
		if (job == null) {
			throw new UsageException("unknown job '" + name + "' (jobs: " + String.join(", ", this.byName.keySet()) + ")");
		}
		return job;
	}

}
