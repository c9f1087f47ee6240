package io.ambar.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cache-aside over both levels with the local Redis, and the version guard.
 */
@SpringBootTest(properties = { "spring.data.redis.host=" + LocalRedis.HOST, "spring.data.redis.port=" + LocalRedis.PORT,
		"ambar.cache.key-prefix=" + ProductCacheTests.PREFIX, "ambar.cache.l1-ttl=10m" })
@EnabledIf(value = "io.ambar.cache.LocalRedis#answers", disabledReason = "no Redis answers on 127.0.0.1:6379")
class ProductCacheTests {

	static final String PREFIX = "ambar-test:ProductCacheTests:";

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

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	@Autowired
	CacheProperties properties;

	@Autowired
	CacheMetrics metrics;

	CatalogueRows rows;

	@TestConfiguration
	static class Meters {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@BeforeEach
	void emptyCatalogueAndCache() {
		// the subscription empties L1 when Redis confirms it
		await().until(() -> this.subscriber.subscriptions() > 0);
		this.rows = new CatalogueRows(this.jdbc);
		this.rows.clear();
		LocalRedis.deleteKeys(this.redis, PREFIX);
		this.cache.flushL1("test");
	}

	@Test
	void aMissReadsTheDatabaseAndFillsBothLevels() {
		this.rows.insert("A-1", 5);

		assertThat(this.cache.get("A-1")).map(CachedProduct::stock).contains(5);

		assertThat(this.cache.l1Holds("A-1", 1)).isTrue();
		byte[] stored = this.redis.getConnectionFactory().getConnection().stringCommands().get(key("A-1"));
		assertThat(ProductCodec.decode("A-1", stored).product()).isEqualTo(this.rows.read("A-1"));
		assertThat(this.redis.getExpire(PREFIX + "product:A-1", TimeUnit.SECONDS)).isBetween(3000L, 3600L);
	}

	@Test
	void anL2HitFillsL1WithoutTheDatabase() {
		this.rows.insert("A-1", 5);
		this.cache.get("A-1");
		this.cache.flushL1("test");
		double loads = loads();

		assertThat(this.cache.get("A-1")).map(CachedProduct::stock).contains(5);

		assertThat(loads()).isEqualTo(loads);
		assertThat(this.cache.l1Holds("A-1", 1)).isTrue();
	}

	@Test
	void anUnknownSkuIsCachedAsAbsentForAShortTime() {
		assertThat(this.cache.get("NOPE")).isEmpty();
		this.rows.insert("NOPE", 1);

		assertThat(this.cache.get("NOPE")).isEmpty();
		this.cache.flushL1("test");
		assertThat(this.cache.get("NOPE")).isEmpty();
		assertThat(this.redis.getExpire(PREFIX + "product:NOPE", TimeUnit.SECONDS)).isBetween(1L, 30L);
	}

	@Test
	void concurrentMissesForOneSkuMakeOneDatabaseLoad() throws Exception {
		this.rows.insert("A-1", 5);
		double loads = loads();
		ExecutorService readers = Executors.newFixedThreadPool(16);
		List<Future<Optional<CachedProduct>>> reads = new ArrayList<>();
		TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		tx.executeWithoutResult(status -> {
			// readers of products wait behind this lock until the transaction ends
			this.jdbc.sql("LOCK TABLE products IN ACCESS EXCLUSIVE MODE").update();
			for (int i = 0; i < 16; i++) {
				reads.add(readers.submit(() -> this.cache.get("A-1")));
			}
			await().atMost(Duration.ofSeconds(10)).until(this::someoneWaitsForALock);
		});

		for (Future<Optional<CachedProduct>> read : reads) {
			assertThat(read.get(10, TimeUnit.SECONDS)).map(CachedProduct::stock).contains(5);
		}
		readers.shutdown();
		assertThat(loads() - loads).isEqualTo(1);
	}

	@Test
	void aSlowReaderNeverOverwritesWhatARefreshWrote() throws Exception {
		this.rows.insert("A-1", 5);
		CountDownLatch readOld = new CountDownLatch(1);
		CountDownLatch refreshed = new CountDownLatch(1);
		ProductRows database = new ProductRows(this.jdbc);
		ProductCache slowNode = new ProductCache(true, CacheConfiguration.l1(this.properties, this.metrics), this.l2, sku -> {
			Optional<CachedProduct> old = database.find(sku);
			readOld.countDown();
			await().until(() -> refreshed.getCount() == 0);
			return old;
		}, this.metrics);
		ExecutorService reader = Executors.newSingleThreadExecutor();
		Future<Optional<CachedProduct>> slowRead = reader.submit(() -> slowNode.get("A-1"));
		readOld.await(10, TimeUnit.SECONDS);

		this.rows.setStock("A-1", 6);
		CachedProduct fresh = this.rows.read("A-1");
		this.cache.refresh(List.of(fresh));
		// as this node's subscriber does when the refresh's message arrives
		slowNode.invalidate(List.of(new SkuVersion("A-1", fresh.version())));
		refreshed.countDown();

		assertThat(slowRead.get(10, TimeUnit.SECONDS)).map(CachedProduct::version).contains(1L);
		reader.shutdown();
		assertThat(this.l2.get("A-1").product()).isEqualTo(fresh);
		assertThat(slowNode.l1Holds("A-1", 1)).isFalse();
		assertThat(slowNode.get("A-1")).contains(fresh);
	}

	@Test
	void aPutNeverReplacesANewerVersionInRedis() {
		this.rows.insert("A-1", 5);
		CachedProduct v1 = this.rows.read("A-1");
		this.rows.setStock("A-1", 6);
		CachedProduct v2 = this.rows.read("A-1");

		this.l2.put("A-1", CacheEntry.of(v2));
		this.l2.put("A-1", CacheEntry.of(v1));
		this.l2.put("A-1", CacheEntry.ABSENT);

		assertThat(this.l2.get("A-1")).isEqualTo(CacheEntry.of(v2));
	}

	private boolean someoneWaitsForALock() {
		return this.jdbc.sql("SELECT count(*) FROM pg_locks WHERE NOT granted").query(Long.class).single() > 0;
	}

	private double loads() {
		return this.meters.find(CacheMetrics.LOADS).counters().stream().mapToDouble(c -> c.count()).sum();
	}

	private static byte[] key(String sku) {
		return (PREFIX + "product:" + sku).getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

}
