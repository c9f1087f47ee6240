package io.ambar.stock;


import javax.sql.DataSource;

import io.ambar.cache.CacheRefresh;
import io.ambar.cache.Watermark;
import io.ambar.feed.FeedProperties;
import io.ambar.feed.FeedRun;
import io.ambar.feed.FeedSteps;
import io.ambar.feed.FeedParameters;
import io.ambar.feed.FingerprintTasklet;
import io.ambar.feed.ReadAheadFeedReader;
import io.ambar.feed.RejectLedger;
import io.ambar.feed.SkuRangePartitioner;
import io.ambar.feed.StagingWriter;
import io.ambar.feed.Validated;
import io.ambar.job.JobDescription;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The stock-update job: {@code fingerprint} (skip a feed applied before) -> {@code load} (read, validate, stage
 * valid lines, ledger rejects) -> {@code classify} (last line wins, unknown SKUs, changed rows) -> {@code check}
 * (reject ratio) -> {@code apply} (sorted by SKU, only changed rows) -> {@code cache-refresh} -> {@code finish}. Nothing reaches the catalogue before {@code check} passed, and
 * every step is restartable.
 */
@Configuration(proxyBeanMethods = false)
class StockUpdateJobConfiguration {

	static final String JOB_NAME = "stock-update";

	static final String APPLY_STEP = "apply";

	static final String APPLY_RANGE_STEP = "apply-range";

	@Bean
	Job stockUpdateJob(FeedSteps steps, Step stockLoadStep, Step stockClassifyStep, Step stockApplyStep,
			CacheRefresh cacheRefresh, JobRepository jobRepository) {
		return steps.job(JOB_NAME, StockStagingRows.STAGING_PREFIX, FeedParameters.validator(), steps.fingerprint(null), stockLoadStep,
				stockClassifyStep, steps.check(), stockApplyStep,
				cacheRefresh.step(StockStagingRows.STAGING_PREFIX, Watermark.STOCK, StockClassifyTasklet.APPLY_ORDER),
				steps.finish(StockStagingRows.STAGING_PREFIX, new AppliedCountListener(jobRepository)));
	}

	@Bean
	JobDescription stockUpdateDescription() {
		return new JobDescription(JOB_NAME, "sets absolute stock levels (SKU -> quantity) from a stock feed",
				FeedParameters.DESCRIPTIONS, true, JobDescription.Concurrency.ONE_PER_IDENTITY);
	}

	@Bean
	Step stockLoadStep(JobRepository jobRepository, PlatformTransactionManager tm,
			ReadAheadFeedReader<StockLine> stockFeedReader, StagingWriter<StockLine> stockStagingWriter,
			StockProperties properties) {
		return new StepBuilder(FeedSteps.LOAD, jobRepository)
			.<Validated<StockLine>, Validated<StockLine>>chunk(properties.loadChunkSize())
			.transactionManager(tm)
			.reader(stockFeedReader)
			.writer(stockStagingWriter)
			.build();
	}

	@Bean
	@StepScope
	ReadAheadFeedReader<StockLine> stockFeedReader(@Value("#{jobParameters['file']}") String file,
			@Value("#{jobParameters['allow-empty']}") String allowEmpty, FeedProperties feed,
			StockProperties properties) {
		// validated on the read-ahead thread, so that it overlaps with the COPY of the chunk before
		return new ReadAheadFeedReader<>(FeedSteps.reader(file, allowEmpty, StockLine.FIELDS, feed),
				new StockLineValidator(), properties.loadChunkSize());
	}

	@Bean
	@StepScope
	StagingWriter<StockLine> stockStagingWriter(DataSource dataSource, RejectLedger ledger,
			@Value("#{stepExecution}") StepExecution step) {
		return new StagingWriter<>(dataSource, ledger, step, StockStagingRows.STAGING_PREFIX, new StockStagingRows());
	}

	@Bean
	Step stockClassifyStep(JobRepository jobRepository, PlatformTransactionManager tm, JdbcClient jdbc,
			RejectLedger ledger, StockProperties properties) {
		return new StepBuilder("classify", jobRepository)
			.tasklet(new StockClassifyTasklet(jdbc, ledger, jobRepository, properties.applyPassPages(),
					properties.applyChunkSize()), tm)
			.build();
	}

	/**
	 * Applies the changed SKUs in {@code apply-partitions} disjoint ranges of the apply order
	 * ({@link StockClassifyTasklet#APPLY_ORDER}) at once: PostgreSQL runs one statement on one core, and the ranges
	 * never share a row. On a restart Spring Batch re-runs the ranges of the
	 * first attempt, whatever the setting is now. Each range is a chunk-oriented step of its own,
	 * so a restart re-runs only the ranges that did not complete, from their last committed SKU.
	 */
	@Bean
	Step stockApplyStep(JobRepository jobRepository, SkuRangePartitioner stockApplyPartitioner,
			Step stockApplyRangeStep, StockProperties properties) {
		return new StepBuilder(APPLY_STEP, jobRepository)
			.partitioner(APPLY_RANGE_STEP, stockApplyPartitioner)
			.step(stockApplyRangeStep)
			.gridSize(properties.applyPartitions())
			.taskExecutor(new SimpleAsyncTaskExecutor("ambar-apply-"))
			.build();
	}

	@Bean
	@StepScope
	SkuRangePartitioner stockApplyPartitioner(JdbcClient jdbc, JobRepository jobRepository,
			@Value("#{stepExecution}") StepExecution step) {
		return new SkuRangePartitioner(jdbc, StockClassifyTasklet.applyTable(FeedRun.of(step)),
				StockClassifyTasklet.APPLY_ORDER, jobRepository, step);
	}

	@Bean
	Step stockApplyRangeStep(JobRepository jobRepository, PlatformTransactionManager tm,
			JdbcPagingItemReader<String> stockChangeReader, StockApplyWriter stockApplyWriter,
			StockProperties properties) {
		return new StepBuilder(APPLY_RANGE_STEP, jobRepository)
			.<String, String>chunk(properties.applyChunkSize())
			.transactionManager(tm)
			.reader(stockChangeReader)
			.writer(stockApplyWriter)
			.build();
	}

	/** The changed rows of one range, in the apply order; a restart resumes after the last committed one. */
	@Bean
	@StepScope
	JdbcPagingItemReader<String> stockChangeReader(DataSource dataSource, StockProperties properties,
			@Value("#{stepExecution}") StepExecution step) throws Exception {
		return SkuRangePartitioner.rangeReader(dataSource, StockClassifyTasklet.applyTable(FeedRun.of(step)),
				StockClassifyTasklet.APPLY_ORDER, properties.applyChunkSize(), step);
	}

	@Bean
	@StepScope
	StockApplyWriter stockApplyWriter(JdbcTemplate jdbc, @Value("#{stepExecution}") StepExecution step) {
		return new StockApplyWriter(jdbc, StockClassifyTasklet.applyTable(FeedRun.of(step)), FingerprintTasklet.asOf(step));
	}

}
