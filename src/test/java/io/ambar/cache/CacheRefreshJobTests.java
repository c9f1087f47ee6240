package io.ambar.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.ambar.feed.FeedParameters;
import io.ambar.feed.FeedSteps;
import io.ambar.feed.FeedSummary;
import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feed jobs' cache-refresh step against the local Redis, reached through a proxy that the test can cut: only
 * what a run changed and committed reaches the cache, a Redis lost mid-refresh leaves the data committed and the
 * job completed with warnings and counts, and a restart after a crash in the step runs only that step and finish.
 */
@SpringBootTest(properties = { "spring.data.redis.host=" + LocalRedis.HOST,
		"ambar.cache.key-prefix=" + CacheRefreshJobTests.PREFIX, "ambar.cache.l1-ttl=10m",
		"ambar.cache.refresh-batch-size=10", "ambar.cache.refresh-retries=2", "ambar.cache.refresh-backoff=10ms",
		"ambar.cache.breaker-open-for=200ms" })
@EnabledIf(value = "io.ambar.cache.LocalRedis#answers", disabledReason = "no Redis answers on 127.0.0.1:6379")
class CacheRefreshJobTests {

	static final String PREFIX = "ambar-test:CacheRefreshJobTests:";

	static RedisProxy proxy;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Job stockUpdateJob;

	@Autowired
	Job productSyncJob;

	@Autowired
	ProductCache cache;

	@Autowired
	RedisProducts l2;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	InvalidationSubscriber subscriber;

	@TempDir
	Path dir;

	@DynamicPropertySource
	static void redisThroughTheProxy(DynamicPropertyRegistry registry) throws IOException {
		proxy = new RedisProxy();
		registry.add("spring.data.redis.port", proxy::port);
	}

	@AfterAll
	static void closeProxy() {
		proxy.close();
	}

	@BeforeEach
	void cleanCatalogueCacheAndJobs() throws IOException {
		proxy.restore();
		await().until(() -> this.subscriber.subscriptions() > 0);
		await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
			this.cache.flushL1("test");
			this.cache.get("warm-up");
			return this.l2.breaker().state() == Breaker.State.CLOSED;
		});
		StockTestData.clean(this.jdbc, this.jobRepository);
		LocalRedis.deleteKeys(this.redis, PREFIX);
		this.cache.flushL1("test");
	}

	@Test
	void stockUpdateRefreshesWhatItChangedInBothLevels() throws Exception {
		StockTestData.seedProducts(this.jdbc, 3);
		List.of(sku(1), sku(2), sku(3)).forEach(this.cache::get);

		JobExecution run = stock(sku(1) + ",11", sku(2) + ",10", sku(3) + ",0");

		assertThat(run.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
		assertThat(FeedSummary.of(run).counts()).containsEntry("cache.refreshed", 2L).containsEntry("cache.not-refreshed", 0L);
		assertThat(this.l2.get(sku(1)).product()).extracting(CachedProduct::stock, CachedProduct::version).containsExactly(11, 2L);
		assertThat(this.l2.get(sku(3)).product()).extracting(CachedProduct::stock, CachedProduct::version).containsExactly(0, 2L);
		assertThat(this.l2.get(sku(2)).version()).as("unchanged, not rewritten").isEqualTo(1);
		assertThat(this.cache.get(sku(1))).map(CachedProduct::stock).contains(11);
		assertThat(this.cache.get(sku(3))).map(CachedProduct::stock).contains(0);
	}

	@Test
	void aRolledBackApplyReachesNoCache() throws Exception {
		StockTestData.seedProducts(this.jdbc, 2);
		this.cache.get(sku(1));
		this.jdbc.sql("""
				CREATE FUNCTION refuse_stock_change() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'catalogue is read-only'; END $$""").update();
		this.jdbc.sql("CREATE TRIGGER refuse_stock_change BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION refuse_stock_change()")
			.update();
		JobExecution run;
		try {
			run = stock(sku(1) + ",11", sku(2) + ",12");
		}
		finally {
			this.jdbc.sql("DROP TRIGGER refuse_stock_change ON products").update();
			this.jdbc.sql("DROP FUNCTION refuse_stock_change()").update();
		}

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(run.getStepExecutions()).extracting(StepExecution::getStepName).doesNotContain(CacheRefresh.STEP);
		assertThat(this.l2.get(sku(1)).product()).extracting(CachedProduct::stock, CachedProduct::version).containsExactly(10, 1L);
		assertThat(this.redis.hasKey(PREFIX + "product:" + sku(2))).isFalse();
		assertThat(this.cache.get(sku(1))).map(CachedProduct::stock).contains(10);
	}

	@Test
	void productSyncRefreshesWhatItAppliedAndWhatItDeactivated() throws Exception {
		assertThat(products("P-1,Anvil,1.00", "P-2,Bolt,2.00", "P-3,Chain,3.00").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List.of("P-1", "P-2", "P-3").forEach(this.cache::get);

		JobExecution run = products("P-1,Anvil XL,1.50", "P-2,Bolt,2.00", "P-4,Drill,4.00", "mode", "full",
				"max-deactivate-ratio", "1");

		assertThat(FeedSummary.of(run).counts()).containsEntry("cache.refreshed", 3L).containsEntry("deactivated", 1L);
		assertThat(this.l2.get("P-1").product()).extracting(CachedProduct::name).isEqualTo("Anvil XL");
		assertThat(this.l2.get("P-4").product()).extracting(CachedProduct::name).isEqualTo("Drill");
		assertThat(this.l2.get("P-3").product()).extracting(CachedProduct::active).isEqualTo(false);
		assertThat(this.cache.get("P-3")).map(CachedProduct::active).contains(false);
		assertThat(this.l2.get("P-2").version()).as("unchanged, not rewritten").isEqualTo(1);
	}

	@Test
	void redisLostMidRefreshLeavesTheDataCommittedAndTheJobCompletedWithWarningsAndCounts() throws Exception {
		StockTestData.seedProducts(this.jdbc, 60);
		// two batches of ten (a script call each) get through, the third is cut
		proxy.cutAfter("EVALSHA", 2);

		JobExecution run = stock(IntStream.rangeClosed(1, 60).mapToObj(n -> sku(n) + ",99").toArray(String[]::new));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(run.getExitStatus().getExitCode()).isEqualTo(FeedSteps.COMPLETED_WITH_WARNINGS);
		assertThat(run.getExitStatus().getExitDescription()).contains("40 entries not refreshed");
		assertThat(FeedSummary.of(run).counts()).containsEntry("applied", 60L)
			.containsEntry("cache.refreshed", 20L)
			.containsEntry("cache.not-refreshed", 40L);
		assertThat(this.jdbc.sql("SELECT count(*) FROM products WHERE stock_quantity = 99").query(Long.class).single())
			.isEqualTo(60);
		assertThat(this.jdbc.sql("SELECT count(*) FROM feed_application WHERE state = 'applied'").query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void aRestartAfterACrashInTheCacheStepRunsOnlyThatStepAndFinish() throws Exception {
		StockTestData.seedProducts(this.jdbc, 3);
		JobExecution run = stock(sku(1) + ",11", sku(3) + ",13");
		crashedAfterTheFirstRefreshBatch(run, List.of(sku(1), sku(3)));
		this.redis.delete(PREFIX + "product:" + sku(3));

		JobExecution restarted = this.jobOperator.restart(this.jobRepository.getJobExecution(run.getId()));

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactly("fingerprint", CacheRefresh.STEP, "finish");
		assertThat(FeedSummary.of(restarted).counts()).containsEntry("cache.refreshed", 2L).containsEntry("applied", 2L);
		assertThat(this.l2.get(sku(3)).product()).extracting(CachedProduct::stock).isEqualTo(13);
	}

	/**
	 * Leaves the repository and the database as a process killed in cache-refresh, after its first batch (of
	 * one SKU) committed, leaves them: the step and the job FAILED (as restart marks them), no finish, the apply
	 * table still there, the feed still being applied.
	 */
	private void crashedAfterTheFirstRefreshBatch(JobExecution run, List<String> changed) {
		JobExecution stored = this.jobRepository.getJobExecution(run.getId());
		for (StepExecution step : new ArrayList<>(stored.getStepExecutions())) {
			if (step.getStepName().equals("finish")) {
				this.jobRepository.deleteStepExecution(step);
			}
			if (step.getStepName().equals(CacheRefresh.STEP)) {
				step.getExecutionContext().putString("cache-refresh.after", "0001" + changed.get(0));
				step.getExecutionContext().putLong(CacheRefreshTasklet.REFRESHED, 1);
				this.jobRepository.updateExecutionContext(step);
				step.setStatus(BatchStatus.FAILED);
				step.setExitStatus(ExitStatus.FAILED);
				this.jobRepository.update(step);
			}
		}
		stored.setStatus(BatchStatus.FAILED);
		stored.setExitStatus(ExitStatus.FAILED);
		this.jobRepository.update(stored);
		String apply = "stage_stock_" + stored.getJobInstanceId() + "_apply";
		// as stock-update's classify leaves it (StockClassifyTasklet.APPLY_ORDER)
		this.jdbc.sql("CREATE TABLE " + apply + " (sku text NOT NULL, quantity integer NOT NULL, stripe_sku text COLLATE \"C\" PRIMARY KEY)").update();
		changed.forEach(sku -> this.jdbc.sql("INSERT INTO " + apply + " VALUES (?, 0, '0001' || ?)").params(sku, sku).update());
		this.jdbc.sql("UPDATE feed_application SET state = 'applying', applied_at = NULL").update();
	}

	private JobExecution stock(String... lines) throws Exception {
		return StockTestData.run(this.jobOperator, this.stockUpdateJob, this.dir, List.of(lines));
	}

	/** Runs product-sync on CSV lines {@code sku,name,price}, then parameter keys and values. */
	private JobExecution products(String... linesThenParameters) throws Exception {
		List<String> lines = new ArrayList<>();
		JobParametersBuilder parameters = new JobParametersBuilder();
		for (int i = 0; i < linesThenParameters.length; i++) {
			if (linesThenParameters[i].contains(",")) {
				lines.add(linesThenParameters[i]);
			}
			else {
				parameters.addString(linesThenParameters[i], linesThenParameters[++i], false);
			}
		}
		Path feed = this.dir.resolve("products-" + System.nanoTime() + ".csv");
		Files.writeString(feed, "sku,name,price\n" + String.join("\n", lines) + "\n");
		return this.jobOperator.start(this.productSyncJob, parameters.addString(FeedParameters.FILE, feed.toString())
			.addLong(FeedParameters.RUN_ID, System.nanoTime())
			.toJobParameters());
	}

	private static String sku(int n) {
		return StockTestData.sku(n);
	}

}
