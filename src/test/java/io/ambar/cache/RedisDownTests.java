package io.ambar.cache;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

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
 * Reads while Redis is down answer from the database, quickly: a refused connection fails at once, a hung Redis
 * costs at most the command timeout (300 ms) until the breaker opens, and nothing waits Lettuce's 60 seconds. The
 * breaker's clock is the test's.
 */
@SpringBootTest(properties = { "spring.data.redis.host=" + LocalRedis.HOST, "spring.data.redis.port=" + LocalRedis.PORT,
		"ambar.cache.key-prefix=" + RedisDownTests.PREFIX })
@EnabledIf(value = "io.ambar.cache.LocalRedis#answers", disabledReason = "no Redis answers on 127.0.0.1:6379")
class RedisDownTests {

	static final String PREFIX = "ambar-test:RedisDownTests:";

	@Autowired
	CacheProperties properties;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcClient jdbc;

	final MutableClock clock = new MutableClock();

	@BeforeEach
	void someProducts() {
		CatalogueRows rows = new CatalogueRows(this.jdbc);
		rows.clear();
		LocalRedis.deleteKeys(this.redis, PREFIX);
		for (int i = 0; i < 20; i++) {
			rows.insert("A-" + i, i);
		}
	}

	@Test
	void readsAnswerFromTheDatabaseAtOnceWhenNothingListensOnTheRedisPort() throws IOException {
		try (CacheNode node = new CacheNode(freePort(), this.properties, this.jdbc, this.clock)) {
			long started = System.nanoTime();
			for (int i = 0; i < 20; i++) {
				assertThat(node.cache.get("A-" + i)).map(CachedProduct::stock).contains(i);
			}

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			assertThat(node.breaker.state()).isEqualTo(Breaker.State.OPEN);
			// the first read failed to get and to put, the second to get: the breaker opened
			assertThat(node.meters.find(CacheMetrics.REDIS_ERRORS).tag("operation", "get").counter().count()).isEqualTo(2);
			assertThat(node.meters.find(CacheMetrics.REDIS_ERRORS).tag("operation", "put").counter().count()).isEqualTo(1);
			assertThat(node.meters.find(CacheMetrics.REDIS_SKIPPED).tag("operation", "get").counter().count()).isEqualTo(18);
		}
	}

	@Test
	void aHungRedisCostsAReadAtMostTheTimeoutUntilTheBreakerOpensAndTheCacheHealsWhenItAnswersAgain()
			throws IOException {
		try (RedisProxy proxy = new RedisProxy()) {
			proxy.blackhole();
			try (CacheNode node = new CacheNode(proxy.port(), this.properties, this.jdbc, this.clock)) {
				for (int i = 0; i < 20; i++) {
					long started = System.nanoTime();
					assertThat(node.cache.get("A-" + i)).map(CachedProduct::stock).contains(i);
					Duration took = Duration.ofNanos(System.nanoTime() - started);
					// connecting (1 s) or one command (300 ms) while closed, nothing of Redis once open
					assertThat(took).isLessThan((i < 3) ? Duration.ofMillis(1500) : Duration.ofMillis(100));
				}
				assertThat(node.breaker.state()).isEqualTo(Breaker.State.OPEN);

				proxy.restore();
				await().atMost(Duration.ofSeconds(20)).until(() -> {
					this.clock.advance(this.properties.breakerOpenFor());
					node.cache.get("A-0");
					return node.breaker.state() == Breaker.State.CLOSED;
				});
				node.cache.get("A-19");
				assertThat(this.redis.hasKey(PREFIX + "product:A-19")).isTrue();
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
