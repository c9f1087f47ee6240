package io.ambar.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one Redis: this test's application (the node that refreshes) and a second node. L1 lives 10 minutes
 * here, so a stale entry can only go by invalidation or flush.
 */
@SpringBootTest(properties = { "spring.data.redis.host=" + LocalRedis.HOST, "spring.data.redis.port=" + LocalRedis.PORT,
		"ambar.cache.key-prefix=" + CrossNodeInvalidationTests.PREFIX, "ambar.cache.l1-ttl=10m" })
@EnabledIf(value = "io.ambar.cache.LocalRedis#answers", disabledReason = "no Redis answers on 127.0.0.1:6379")
class CrossNodeInvalidationTests {

	static final String PREFIX = "ambar-test:CrossNodeInvalidationTests:";

	@Autowired
	ProductCache cache;

	@Autowired
	CacheProperties properties;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	InvalidationSubscriber subscriber;

	CatalogueRows rows;

	@BeforeEach
	void oneProductAtVersionOne() {
		await().until(() -> this.subscriber.subscriptions() > 0);
		this.rows = new CatalogueRows(this.jdbc);
		this.rows.clear();
		LocalRedis.deleteKeys(this.redis, PREFIX);
		this.rows.insert("A-1", 5);
	}

	@Test
	void aRefreshOnOneNodeInvalidatesTheSecondNodesL1() {
		try (CacheNode second = new CacheNode(LocalRedis.PORT, this.properties, this.jdbc, Clock.systemUTC())) {
			await().until(() -> second.subscriber.subscriptions() == 1);
			second.cache.get("A-1");
			assertThat(second.cache.l1Holds("A-1", 1)).isTrue();

			CachedProduct fresh = changeAndRefresh();

			await().atMost(Duration.ofSeconds(5)).until(() -> !second.cache.l1Holds("A-1", 1));
			assertThat(second.cache.get("A-1")).contains(fresh);
		}
	}

	@Test
	void aNodeWhoseSubscriptionDroppedEmptiesItsL1WhenItResubscribes() throws Exception {
		try (RedisProxy proxy = new RedisProxy();
				CacheNode second = new CacheNode(proxy.port(), this.properties, this.jdbc, Clock.systemUTC())) {
			await().until(() -> second.subscriber.subscriptions() == 1);

			proxy.cut();
			await().atMost(Duration.ofSeconds(5)).until(() -> second.flushes("disconnected") >= 1);
			// read while Redis is out of reach: from the database, into L1
			assertThat(second.cache.get("A-1")).map(CachedProduct::stock).contains(5);
			CachedProduct fresh = changeAndRefresh();
			// the refresh's message was published while the second node could not hear it
			assertThat(second.cache.l1Holds("A-1", 1)).isTrue();
			assertThat(second.cache.get("A-1")).map(CachedProduct::stock).contains(5);

			proxy.restore();

			await().atMost(Duration.ofSeconds(20)).until(() -> second.subscriber.subscriptions() == 2);
			assertThat(second.cache.get("A-1")).contains(fresh);
		}
	}

	/** Changes the product as a job would and refreshes it from this test's application. */
	private CachedProduct changeAndRefresh() {
		this.rows.setStock("A-1", 6);
		CachedProduct fresh = this.rows.read("A-1");
		this.cache.refresh(List.of(fresh));
		return fresh;
	}

}
