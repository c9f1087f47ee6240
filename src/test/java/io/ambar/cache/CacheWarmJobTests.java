package io.ambar.cache;

import java.io.IOException;
import java.time.Duration;

import io.ambar.feed.FeedParameters;
import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The cache-warm job against the local Redis, through a proxy the test can cut. */
@SpringBootTest(properties = { "spring.data.redis.host=" + LocalRedis.HOST,
		"ambar.cache.key-prefix=" + CacheWarmJobTests.PREFIX, "ambar.cache.warm-chunk-size=3",
		"ambar.cache.breaker-open-for=200ms" })
@EnabledIf(value = "io.ambar.cache.LocalRedis#answers", disabledReason = "no Redis answers on 127.0.0.1:6379")
class CacheWarmJobTests {

	static final String PREFIX = "ambar-test:CacheWarmJobTests:";

	static RedisProxy proxy;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Job cacheWarmJob;

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
	void coldRedis() throws IOException {
		proxy.restore();
		await().until(() -> this.subscriber.subscriptions() > 0);
		StockTestData.clean(this.jdbc, this.jobRepository);
		LocalRedis.deleteKeys(this.redis, PREFIX);
	}

	@Test
	void fillsRedisWithEveryActiveProduct() throws Exception {
		StockTestData.seedProducts(this.jdbc, 9);
		this.jdbc.sql("UPDATE products SET active = false WHERE sku IN (?, ?)").params(sku(4), sku(9)).update();

		JobExecution run = this.jobOperator.start(this.cacheWarmJob, launch());

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(run.getStepExecutions().iterator().next().getWriteCount()).isEqualTo(7);
		for (int n = 1; n <= 9; n++) {
			assertThat(this.redis.hasKey(PREFIX + "product:" + sku(n))).as(sku(n)).isEqualTo(n != 4 && n != 9);
		}
		assertThat(this.l2.get(sku(1)).product()).isEqualTo(this.cache.get(sku(1)).orElseThrow());
	}

	@Test
	void aRunThatLostRedisRestartsAfterItsLastCommittedPage() throws Exception {
		StockTestData.seedProducts(this.jdbc, 9);
		// the first page of three (one script call) gets through, the second is cut
		proxy.cutAfter("EVALSHA", 1);

		JobExecution failed = this.jobOperator.start(this.cacheWarmJob, launch());

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		proxy.restore();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			this.cache.flushL1("test");
			this.cache.get("warm-up");
			return this.l2.breaker().state() == Breaker.State.CLOSED;
		});
		JobExecution restarted = this.jobOperator.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getStepExecutions().iterator().next().getReadCount()).as("after the first page").isEqualTo(6);
		for (int n = 1; n <= 9; n++) {
			assertThat(this.redis.hasKey(PREFIX + "product:" + sku(n))).as(sku(n)).isTrue();
		}
	}

	@Test
	void keepsANewerVersionThatRedisHoldsAndReplacesAnOlderOne() throws Exception {
		StockTestData.seedProducts(this.jdbc, 3);
		CachedProduct first = this.cache.get(sku(1)).orElseThrow();
		CachedProduct second = this.cache.get(sku(2)).orElseThrow();
		// a refresh of a later write got to Redis first; an older value stayed behind (a refresh Redis refused)
		this.redis.delete(PREFIX + "product:" + sku(2));
		this.l2.put(sku(1), CacheEntry.of(withVersion(first, first.version() + 5)));
		this.l2.put(sku(2), CacheEntry.of(withVersion(second, second.version() - 1)));

		JobExecution run = this.jobOperator.start(this.cacheWarmJob, launch());

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.l2.get(sku(2)).version()).as("replaced").isGreaterThan(second.version() - 1);
		assertThat(this.l2.get(sku(1)).version()).isEqualTo(first.version() + 5);
		assertThat(this.l2.get(sku(2)).version()).isEqualTo(second.version());
		assertThat(this.l2.get(sku(3)).version()).isEqualTo(first.version());
	}

	private static CachedProduct withVersion(CachedProduct p, long version) {
		return new CachedProduct(p.sku(), p.name(), p.description(), p.brand(), p.category(), p.price(), p.currency(),
				p.attributes(), p.active(), p.stock(), version, p.updatedAt());
	}

	/** As the CLI launches it: a run id and a launch time. */
	private static JobParameters launch() {
		return new JobParametersBuilder().addLong(FeedParameters.RUN_ID, System.nanoTime())
			.addString(FeedParameters.LAUNCHED_AT, "2026-01-01T00:00:00Z", false)
			.toJobParameters();
	}

	private static String sku(int n) {
		return StockTestData.sku(n);
	}

}
