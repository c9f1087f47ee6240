package io.ambar.catalog;

import javax.sql.DataSource;

import io.ambar.cache.CacheRefresh;
import io.ambar.cache.Watermark;
import io.ambar.feed.FeedProperties;
import io.ambar.feed.FeedRun;
import io.ambar.feed.FeedSteps;
import io.ambar.feed.FingerprintTasklet;
import io.ambar.feed.ReadAheadFeedReader;
import io.ambar.feed.RejectLedger;
import io.ambar.feed.SkuRangePartitioner;
import io.ambar.feed.StagingWriter;
import io.ambar.feed.Validated;
import io.ambar.job.JobDescription;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The product-sync job: {@code fingerprint} (skip a feed applied before) -> {@code load} (read, validate, stage
 * valid lines with their content hash, ledger rejects) -> {@code classify} (last line wins, new or changed
 * products) -> {@code check} (reject ratio) -> {@code guard} (full mode: deactivation ratio) -> {@code apply}
 * (upsert by SKU, sorted, only new or changed products) -> {@code deactivate} (full mode: active products absent from the feed) -> {@code cache-refresh} -> {@code finish}. Nothing
 * reaches the catalogue before both gates passed, and every step is restartable.
 */
@Configuration(proxyBeanMethods = false)
class ProductSyncJobConfiguration {

	static final String JOB_NAME = "product-sync";

	static final String APPLY_STEP = "apply";

	static final String APPLY_RANGE_STEP = "apply-range";

	static final String DEACTIVATE_STEP = "deactivate";

	@Bean
	Job productSyncJob(FeedSteps steps, Step productLoadStep, Step productClassifyStep, Step productGuardStep,
			Step productApplyStep, Step productDeactivateStep, CacheRefresh cacheRefresh, JobRepository jobRepository) {
		// the same bytes in full mode deactivate what incremental mode left alone: not the same application
		Step fingerprint = steps.fingerprint(parameters -> ProductSyncParameters.MODE + "="
				+ (ProductSyncParameters.of(parameters).full() ? "full" : "incremental"));
		return steps.job(JOB_NAME, ProductStagingRows.STAGING_PREFIX, ProductSyncParameters.validator(), fingerprint, productLoadStep,
				productClassifyStep, steps.check(), productGuardStep, productApplyStep, productDeactivateStep,
				cacheRefresh.step(ProductStagingRows.STAGING_PREFIX, Watermark.CONTENT, "sku"),
				steps.finish(ProductStagingRows.STAGING_PREFIX, new AppliedCountListener(jobRepository)));
	}

	@Bean
	JobDescription productSyncDescription() {
		return new JobDescription(JOB_NAME, "upserts products by SKU from a catalogue feed; mode=full also deactivates"
				+ " the products it leaves out", ProductSyncParameters.DESCRIPTIONS, true,
				JobDescription.Concurrency.ONE_PER_IDENTITY);
	}

	@Bean
	Step productLoadStep(JobRepository jobRepository, PlatformTransactionManager tm,
			ReadAheadFeedReader<ProductLine> productFeedReader, StagingWriter<ProductLine> productStagingWriter,
			ProductProperties properties) {
		return new StepBuilder(FeedSteps.LOAD, jobRepository)
			.<Validated<ProductLine>, Validated<ProductLine>>chunk(properties.loadChunkSize())
			.transactionManager(tm)
			.reader(productFeedReader)
			.writer(productStagingWriter)
			.build();
	}

	@Bean
	@StepScope
	ReadAheadFeedReader<ProductLine> productFeedReader(@Value("#{jobParameters['file']}") String file,
			@Value("#{jobParameters['allow-empty']}") String allowEmpty, FeedProperties feed,
			ProductProperties properties) {
		// validated on the read-ahead thread, so that it overlaps with the COPY of the chunk before
		return new ReadAheadFeedReader<>(FeedSteps.reader(file, allowEmpty, ProductLine.FIELDS, feed),
				new ProductLineValidator(properties.defaultCurrency()), properties.loadChunkSize());
	}

	@Bean
	@StepScope
	StagingWriter<ProductLine> productStagingWriter(DataSource dataSource, RejectLedger ledger,
			@Value("#{stepExecution}") StepExecution step) {
		return new StagingWriter<>(dataSource, ledger, step, ProductStagingRows.STAGING_PREFIX, new ProductStagingRows());
	}

	@Bean
	Step productClassifyStep(JobRepository jobRepository, PlatformTransactionManager tm, JdbcClient jdbc,
			RejectLedger ledger) {
		return new StepBuilder("classify", jobRepository)
			.tasklet(new ProductClassifyTasklet(jdbc, ledger, jobRepository), tm)
			.build();
	}

	@Bean
	Step productGuardStep(JobRepository jobRepository, PlatformTransactionManager tm, JdbcClient jdbc) {
		return new StepBuilder("guard", jobRepository).tasklet(new DeactivationGuardTasklet(jdbc), tm).build();
	}

	/**
	 * Applies the new and changed products in {@code apply-partitions} disjoint SKU ranges at once, as stock-update
	 * does: each range is a chunk-oriented step of its own that a restart resumes after its last committed SKU.
	 */
	@Bean
	Step productApplyStep(JobRepository jobRepository, SkuRangePartitioner productApplyPartitioner,
			Step productApplyRangeStep, ProductProperties properties) {
		return new StepBuilder(APPLY_STEP, jobRepository).partitioner(APPLY_RANGE_STEP, productApplyPartitioner)
			.step(productApplyRangeStep)
			.gridSize(properties.applyPartitions())
			.taskExecutor(new SimpleAsyncTaskExecutor("ambar-apply-"))
			.build();
	}

	@Bean
	@StepScope
	SkuRangePartitioner productApplyPartitioner(JdbcClient jdbc, JobRepository jobRepository,
			@Value("#{stepExecution}") StepExecution step) {
		return new SkuRangePartitioner(jdbc, ProductClassifyTasklet.applyTable(FeedRun.of(step)), jobRepository, step);
	}

	@Bean
	Step productApplyRangeStep(JobRepository jobRepository, PlatformTransactionManager tm,
			JdbcPagingItemReader<String> productChangeReader, ProductApplyWriter productApplyWriter,
			ProductProperties properties) {
		return new StepBuilder(APPLY_RANGE_STEP, jobRepository).<String, String>chunk(properties.applyChunkSize())
			.transactionManager(tm)
			.reader(productChangeReader)
			.writer(productApplyWriter)
			.build();
	}

	/** The new or changed SKUs of one range, in order; a restart resumes after the last committed SKU. */
	@Bean
	@StepScope
	JdbcPagingItemReader<String> productChangeReader(DataSource dataSource, ProductProperties properties,
			@Value("#{stepExecution}") StepExecution step) throws Exception {
		return SkuRangePartitioner.rangeReader(dataSource, ProductClassifyTasklet.applyTable(FeedRun.of(step)),
				properties.applyChunkSize(), step);
	}

	@Bean
	@StepScope
	ProductApplyWriter productApplyWriter(JdbcTemplate jdbc, @Value("#{stepExecution}") StepExecution step) {
		return new ProductApplyWriter(jdbc, ProductClassifyTasklet.applyTable(FeedRun.of(step)),
				FingerprintTasklet.asOf(step));
	}

	@Bean
	Step productDeactivateStep(JobRepository jobRepository, PlatformTransactionManager tm, JdbcClient jdbc) {
		return new StepBuilder(DEACTIVATE_STEP, jobRepository).tasklet(new DeactivateTasklet(jdbc), tm).build();
	}

}
