package io.ambar.cache;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

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
 * a batch per call, each call one transaction. Only committed data is read: the writing steps committed before this
 * one started.
 * <p>
 * "Changed by this run": the SKUs of the run's apply table whose product now carries the run's as-of in the job's
 * {@link Watermark} column (a later run that wrote one meanwhile refreshes it itself), and for product-sync the
 * products it deactivated. A batch is the next SKUs of the apply table (then of the inactive products) by keyset,
 * then their products by SKU, so the work follows the run's changes, never the catalogue's size. Without Redis there
 * is only this node's L1: the batch's SKUs (100,000 at a time) are dropped from it, no product read; when L1 holds
 * nothing and no load is in flight, as in a command's fresh process, the step reads nothing at all.
 * <p>
 * A batch that Redis refuses is retried with backoff (not while the breaker is open: that would only wait), then
 * counted as not refreshed: those entries expire within {@code ambar.cache.l2-ttl}. The step then completes with
 * exit code {@code COMPLETED_WITH_WARNINGS}. Its position and counts are in the step's context and the job's
 * summary ({@code cache.refreshed}, {@code cache.not-refreshed}), saved with each batch, so a restart goes on after
 * the last batch.
 */
class CacheRefreshTasklet implements Tasklet, StepExecutionListener {

	static final String REFRESHED = "cache.refreshed";

	static final String NOT_REFRESHED = "cache.not-refreshed";

	private static final String PHASE = "cache-refresh.phase";

	private static final String AFTER = "cache-refresh.after";

	private static final String DEACTIVATED = "deactivated";

	/**
	 * SKUs per batch without Redis: such a batch reads no product and writes nothing over the network, it only drops
	 * SKUs from this node's L1, so the transaction that saves its position would otherwise cost most of the step
	 * (2 of S1's 28 s with 5,000).
	 */
	private static final int L1_ONLY_BATCH_SIZE = 100_000;

	private final ProductCache cache;

	private final JdbcClient jdbc;

	private final JobRepository jobRepository;

	private final CacheMetrics metrics;

	private final String stagingPrefix;

	private final Watermark watermark;

	private final String applyKey;

	private final int batchSize;

	private final Duration expiresWithin;

	private final RetryTemplate retry;

	CacheRefreshTasklet(ProductCache cache, JdbcClient jdbc, JobRepository jobRepository, CacheMetrics metrics,
			CacheProperties properties, String stagingPrefix, Watermark watermark, String applyKey) {
		this.cache = cache;
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.metrics = metrics;
		this.stagingPrefix = stagingPrefix;
		this.watermark = watermark;
		this.applyKey = applyKey;
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
		if (!this.cache.twoLevel() && this.cache.l1HoldsNothing()) {
			// no Redis and nothing in this node's L1 (a command's process, say): there is nothing to refresh or drop,
			// and reading every changed SKU to drop it from an empty L1 cost S1 (1M changed) 1.1 to 2.3 s, a 10M-line
			// feed 36 s
			return RepeatStatus.FINISHED;
		}
		ExecutionContext context = step.getExecutionContext();
		boolean deactivatedPhase = DEACTIVATED.equals(context.getString(PHASE, ""));
		String apply = FeedRun.of(step).applyTable(this.stagingPrefix);
		Timestamp asOf = Timestamp.from(FingerprintTasklet.asOf(step));
		Batch batch = nextSkus(apply, asOf, deactivatedPhase, context.getString(AFTER, ""));
		List<String> skus = batch.skus();
		if (skus.isEmpty()) {
			if (this.watermark.deactivates() && !deactivatedPhase) {
				context.putString(PHASE, DEACTIVATED);
				context.putString(AFTER, "");
				return RepeatStatus.CONTINUABLE;
			}
			return RepeatStatus.FINISHED;
		}
		long refreshed = 0;
		long notRefreshed = 0;
		if (this.cache.twoLevel()) {
			List<CachedProduct> products = this.jdbc.sql("SELECT " + CachedProduct.COLUMNS
					+ " FROM products p WHERE p.sku = ANY(?) AND p." + this.watermark.column() + " = ? ORDER BY p.sku")
				.params(skus.toArray(String[]::new), asOf)
				.query(CachedProduct.ROW_MAPPER)
				.list();
			boolean stored = !products.isEmpty() && refresh(products);
			refreshed = stored ? products.size() : 0;
			notRefreshed = stored ? 0 : products.size();
		}
		else {
			this.cache.invalidate(skus.stream().map(sku -> new SkuVersion(sku, Long.MAX_VALUE)).toList());
			refreshed = skus.size();
		}
		contribution.incrementWriteCount(refreshed);
		contribution.incrementWriteSkipCount(notRefreshed);
		context.putString(AFTER, batch.last());
		context.putLong(REFRESHED, context.getLong(REFRESHED, 0L) + refreshed);
		context.putLong(NOT_REFRESHED, context.getLong(NOT_REFRESHED, 0L) + notRefreshed);
		FeedSummary.of(step.getJobExecution())
			.put(REFRESHED, context.getLong(REFRESHED))
			.put(NOT_REFRESHED, context.getLong(NOT_REFRESHED));
		// in this batch's transaction, with the step's position: the counts stay exact across a kill
		this.jobRepository.updateExecutionContext(step.getJobExecution());
		this.metrics.refreshed(step.getJobExecution().getJobInstance().getJobName(), refreshed, notRefreshed);
		return RepeatStatus.CONTINUABLE;
	}

	/** SKUs to refresh, and the key the next batch starts after. */
	private record Batch(List<String> skus, String last) {
	}

	/**
	 * The next SKUs the run may have changed, after the given key: of the apply table (a keyset walk of its unique
	 * key), or of the products it deactivated, in SKU order (of products_inactive_idx).
	 */
	private Batch nextSkus(String apply, Timestamp asOf, boolean deactivatedPhase, String after) {
		List<String[]> rows;
		if (deactivatedPhase) {
			rows = this.jdbc.sql("SELECT p.sku, p.sku FROM products p WHERE NOT p.active AND p.content_as_of = ?"
					+ " AND p.sku > ? AND NOT EXISTS (SELECT 1 FROM " + apply + " a WHERE a.sku = p.sku) ORDER BY p.sku LIMIT ?")
				.params(asOf, after, batchSize())
				.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
				.list();
		}
		else {
			rows = this.jdbc.sql("SELECT a.sku, a." + this.applyKey + " FROM " + apply + " a WHERE a." + this.applyKey
					+ " > ? ORDER BY a." + this.applyKey + " LIMIT ?")
				.params(after, batchSize())
				.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
				.list();
		}
		return new Batch(rows.stream().map(row -> row[0]).toList(), rows.isEmpty() ? after : rows.get(rows.size() - 1)[1]);
	}

	private int batchSize() {
		return this.cache.twoLevel() ? this.batchSize : Math.max(this.batchSize, L1_ONLY_BATCH_SIZE);
	}

	/** Writes the products to Redis and invalidates them everywhere; false when Redis refused them after the retries. */
	private boolean refresh(List<CachedProduct> products) {
		try {
			this.retry.execute(() -> {
				this.cache.refresh(products);
				return null;
			});
			return true;
		}
		catch (RetryException ex) {
			return false;
		}
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution step) {
		long notRefreshed = step.getExecutionContext().getLong(NOT_REFRESHED, 0L);
		if (notRefreshed == 0 || !ExitStatus.COMPLETED.equals(step.getExitStatus())) {
			return null;
		}
		return new ExitStatus(FeedSteps.COMPLETED_WITH_WARNINGS, String.format(Locale.ROOT,
				"cache-refresh: %,d entries not refreshed (Redis unavailable); they expire within %s", notRefreshed,
				this.expiresWithin));
	}

}
