package io.ambar.cache;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the {@code cache-refresh} step of the feed jobs (see {@link CacheRefreshTasklet}).
 */
@Component
public class CacheRefresh {

	/** The step's name in every feed job. */
	public static final String STEP = "cache-refresh";

	private final ProductCache cache;

	private final JdbcClient jdbc;

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final CacheMetrics metrics;

	private final CacheProperties properties;

	private final ObservationRegistry observations;

	CacheRefresh(ProductCache cache, JdbcClient jdbc, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, CacheMetrics metrics, CacheProperties properties,
			ObjectProvider<ObservationRegistry> observations) {
		this.cache = cache;
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.metrics = metrics;
		this.properties = properties;
		this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
	}

	/**
	 * The step, to put after the job's last writing step and before {@code finish}.
	 * @param stagingPrefix the job's staging prefix: the step reads the run's apply table
	 * @param watermark the as-of column the job writes
	 * @param applyKey the apply table's unique, indexed text column, a constant: the step pages through it by it
	 */
	public Step step(String stagingPrefix, Watermark watermark, String applyKey) {
		// the tasklet is also the step's listener: a TaskletStep registers it as one
		CacheRefreshTasklet tasklet = new CacheRefreshTasklet(this.cache, this.jdbc, this.jobRepository, this.metrics,
				this.properties, stagingPrefix, watermark, applyKey);
		// not a bean: observed through its builder, as Spring Batch observes step beans
		return new StepBuilder(STEP, this.jobRepository).observationRegistry(this.observations)
			.tasklet(tasklet, this.transactionManager)
			.build();
	}

}
