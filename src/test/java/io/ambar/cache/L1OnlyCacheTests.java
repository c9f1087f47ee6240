package io.ambar.cache;

import java.nio.file.Path;
import java.util.List;

import io.ambar.ops.Actor;
import io.ambar.ops.JobLaunches;
import io.ambar.ops.OperationException;
import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** With no Redis configured (the embedded default) nothing of Redis exists and the cache is L1 only. */
@SpringBootTest
class L1OnlyCacheTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	ProductCache cache;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobLaunches launches;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Job stockUpdateJob;

	@TempDir
	Path dir;

	@Test
	void noRedisIsConfiguredSoNothingConnectsAndL1ServesReads() {
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(RedisProducts.class)).isEmpty();
		assertThat(this.cache.twoLevel()).isFalse();
		CatalogueRows rows = new CatalogueRows(this.jdbc);
		rows.clear();
		rows.insert("A-1", 5);
		this.cache.flushL1("test");

		assertThat(this.cache.get("A-1")).map(CachedProduct::stock).contains(5);
		rows.setStock("A-1", 6);

		assertThat(this.cache.get("A-1")).map(CachedProduct::stock).contains(5);
		this.cache.invalidate(java.util.List.of(new SkuVersion("A-1", 2)));
		assertThat(this.cache.get("A-1")).map(CachedProduct::stock).contains(6);
	}

	@Test
	void aFeedJobDropsWhatL1HoldsAndReadsNothingWhenL1HoldsNothing() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		StockTestData.seedProducts(this.jdbc, 3);
		this.cache.flushL1("test");
		assertThat(this.cache.get(StockTestData.sku(1))).map(CachedProduct::stock).contains(10);

		JobExecution held = stock(StockTestData.sku(1) + ",11", StockTestData.sku(2) + ",12");

		assertThat(held.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(refreshStep(held).getWriteCount()).as("the changed SKUs, dropped from L1").isEqualTo(2);
		assertThat(this.cache.get(StockTestData.sku(1))).map(CachedProduct::stock).contains(11);

		this.cache.flushL1("test");
		JobExecution empty = stock(StockTestData.sku(1) + ",21", StockTestData.sku(2) + ",22");

		assertThat(empty.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(refreshStep(empty).getWriteCount()).as("nothing to drop").isZero();
		assertThat(this.cache.get(StockTestData.sku(1))).map(CachedProduct::stock).contains(21);
	}

	private JobExecution stock(String... lines) throws Exception {
		return StockTestData.run(this.jobOperator, this.stockUpdateJob, this.dir, List.of(lines));
	}

	private static StepExecution refreshStep(JobExecution run) {
		return run.getStepExecutions().stream().filter(step -> step.getStepName().equals(CacheRefresh.STEP)).findFirst()
			.orElseThrow();
	}

	@Test
	void cacheWarmRefusesToRunWithoutRedisInOneLine() {
		assertThatExceptionOfType(OperationException.class)
			.isThrownBy(() -> this.launches.prepare("cache-warm", java.util.Map.of(), Actor.cli()))
			.withMessage("cache-warm fills Redis, and no Redis is configured: set SPRING_DATA_REDIS_HOST (and _PORT) "
					+ "or spring.data.redis.url");
	}

}
