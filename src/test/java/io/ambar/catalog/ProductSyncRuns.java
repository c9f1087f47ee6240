package io.ambar.catalog;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.test.JobOperatorTestUtils;

/**
 * Launches new product-sync instances as the CLI does: the file and a fresh {@code run.id} identify the instance,
 * other parameters do not. Kept out of the test class, whose methods returning a {@link JobExecution} Spring
 * Batch's test listeners would call.
 */
final class ProductSyncRuns {

	private final JobOperatorTestUtils jobs;

	private final AtomicLong runIds = new AtomicLong();

	ProductSyncRuns(JobOperatorTestUtils jobs) {
		this.jobs = jobs;
	}

	/** Runs product-sync on the feed to its end, with the given parameter keys and values. */
	JobExecution run(Path feed, String... keysAndValues) throws Exception {
		JobParametersBuilder parameters = new JobParametersBuilder().addString("file", feed.toString(), true)
			.addLong("run.id", this.runIds.incrementAndGet(), true);
		for (int i = 0; i < keysAndValues.length; i += 2) {
			parameters.addString(keysAndValues[i], keysAndValues[i + 1], false);
		}
		return this.jobs.startJob(parameters.toJobParameters());
	}

}
