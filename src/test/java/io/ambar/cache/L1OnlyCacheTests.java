package io.ambar.cache;

import io.ambar.ops.Actor;
import io.ambar.ops.JobLaunches;
import io.ambar.ops.OperationException;
import org.junit.jupiter.api.Test;

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
	void cacheWarmRefusesToRunWithoutRedisInOneLine() {
		assertThatExceptionOfType(OperationException.class)
			.isThrownBy(() -> this.launches.prepare("cache-warm", java.util.Map.of(), Actor.cli()))
			.withMessage("cache-warm fills Redis, and no Redis is configured: set SPRING_DATA_REDIS_HOST (and _PORT) "
					+ "or spring.data.redis.url");
	}

}
