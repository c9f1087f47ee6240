package io.ambar.cache;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;

import io.ambar.feed.FeedRun;
import io.ambar.feed.FeedSteps;
import io.ambar.feed.FeedSummary;
import io.ambar.feed.FingerprintTasklet;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code cache-refresh} step of a feed job, after its last writing step and before {@code finish} (which drops
 * the apply table it reads): writes the products this run changed to Redis and invalidates them in every node's L1,
 * a batch per call, each call one transaction.
 * <p>
 * "Changed by this run": the SKUs of the run's apply table whose product now carries the run's as-of in the job's
 * {@link Watermark} column (a later run that wrote them meanwhile refreshes them itself), and for product-sync the
 * products it deactivated. Only committed data is read: the writing steps committed before this one started.
 * <p>
 * A batch that Redis refuses is retried with backoff (not while the breaker is open: that would only wait), then
 * counted as not refreshed: those entries expire within {@code ambar.cache.l2-ttl}. The step then completes with
 * exit code {@code COMPLETED_WITH_WARNINGS}. Its position and counts are in the step's context and the job's
 * summary ({@code cache.refreshed}, {@code cache.not-refreshed}), saved with each batch, so a restart goes on
 * after the last batch.
 */
class CacheRefreshTasklet implements Tasklet, StepExecutionListener {

	static final String REFRESHED = "cache.refreshed";

	static final String NOT_REFRESHED = "cache.not-refreshed";

	private static final String PHASE = "cache-refresh.phase";

	private static final String AFTER = "cache-refresh.after";

	private static final String DEACTIVATED = "deactivated";

	private final ProductCache cache;

	private final JdbcClient jdbc;

	private final JobRepository jobRepository;

	private final CacheMetrics metrics;

	private final String stagingPrefix;

	private final Watermark watermark;

	private final int batchSize;

	private final Duration expiresWithin;

	private final RetryTemplate retry;

	CacheRefreshTasklet(ProductCache cache, JdbcClient jdbc, JobRepository jobRepository, CacheMetrics metrics,
			CacheProperties properties, String stagingPrefix, Watermark watermark) {
		this.cache = cache;
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.metrics = metrics;
		this.stagingPrefix = stagingPrefix;
		this.watermark = watermark;
		this.batchSize = properties.refreshBatchSize();
		this.expiresWithin = properties.l2Ttl();
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(properties.refreshRetries())
			.delay(properties.refreshBackoff())
			.multiplier(2)
			.predicate(ex -> !(ex instanceof RedisUnavailableException unavailable && unavailable.wasSkipped()))
			.build());
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		ExecutionContext context = step.getExecutionContext();
		boolean deactivatedPhase = DEACTIVATED.equals(context.getString(PHASE, ""));
		List<CachedProduct> batch = changed(step, deactivatedPhase, context.getString(AFTER, ""));
		if (batch.isEmpty()) {
			if (this.watermark.deactivates() && !deactivatedPhase) {
				context.putString(PHASE, DEACTIVATED);
				context.putString(AFTER, "");
				return RepeatStatus.CONTINUABLE;
			}
			return RepeatStatus.FINISHED;
		}
		boolean refreshed = refresh(batch);
		for (int i = 0; i < batch.size(); i++) {
			contribution.incrementReadCount();
		}
		if (refreshed) {
			contribution.incrementWriteCount(batch.size());
		}
		else {
			contribution.incrementWriteSkipCount(batch.size());
		}
		context.putString(AFTER, batch.get(batch.size() - 1).sku());
		context.putLong(refreshed ? REFRESHED : NOT_REFRESHED, context.getLong(refreshed ? REFRESHED : NOT_REFRESHED, 0L) + batch.size());
		FeedSummary.of(step.getJobExecution())
			.put(REFRESHED, context.getLong(REFRESHED, 0L))
			.put(NOT_REFRESHED, context.getLong(NOT_REFRESHED, 0L));
		// in this batch's transaction, with the step's position: the counts stay exact across a kill
		this.jobRepository.updateExecutionContext(step.getJobExecution());
		this.metrics.refreshed(step.getJobExecution().getJobInstance().getJobName(), refreshed ? batch.size() : 0,
				refreshed ? 0 : batch.size());
		return RepeatStatus.CONTINUABLE;
	}

	/** Writes the batch to Redis and invalidates it everywhere; false when Redis refused it after the retries. */
	private boolean refresh(List<CachedProduct> batch) {
		try {
			this.retry.execute(() -> {
				this.cache.refresh(batch);
				return null;
			});
			return true;
		}
		catch (RetryException ex) {
			return false;
		}
	}

	/** The next batch of products this run changed, after the given SKU, in SKU order. */
	private List<CachedProduct> changed(StepExecution step, boolean deactivatedPhase, String after) {
		String apply = FeedRun.of(step).applyTable(this.stagingPrefix);
		Timestamp asOf = Timestamp.from(FingerprintTasklet.asOf(step));
		String sql = deactivatedPhase
				? "SELECT " + CachedProduct.COLUMNS + " FROM products p WHERE NOT p.active AND p.content_as_of = ?"
						+ " AND p.sku > ? AND NOT EXISTS (SELECT 1 FROM " + apply + " a WHERE a.sku = p.sku)"
						+ " ORDER BY p.sku LIMIT ?"
				: "SELECT " + CachedProduct.COLUMNS + " FROM " + apply + " a JOIN products p ON p.sku = a.sku WHERE p."
						+ this.watermark.column() + " = ? AND a.sku > ? ORDER BY a.sku LIMIT ?";
		return this.jdbc.sql(sql).params(asOf, after, this.batchSize).query(CachedProduct.ROW_MAPPER).list();
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution step) {
		long notRefreshed = step.getExecutionContext().getLong(NOT_REFRESHED, 0L);
		if (notRefreshed == 0 || !ExitStatus.COMPLETED.equals(step.getExitStatus())) {
			return null;
		}
		return new ExitStatus(FeedSteps.COMPLETED_WITH_WARNINGS, String.format(java.util.Locale.ROOT,
				"cache-refresh: %,d entries not refreshed (Redis unavailable); they expire within %s", notRefreshed,
				this.expiresWithin));
	}

}
