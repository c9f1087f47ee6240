package io.ambar.cache;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The product cache: L1 always (unless sized 0), and with Redis configured ({@code spring.data.redis.host} or
 * {@code url}) L2, its breaker and the invalidation subscriber. Lettuce is tuned for a cache: a short command
 * timeout, and commands rejected at once while disconnected instead of buffered and replayed.
 */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

	/** On the application's meter registry; without one (no actuator), on a registry of the cache's own. */
	@Bean
	CacheMetrics cacheMetrics(ObjectProvider<MeterRegistry> registry) {
		return new CacheMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	ProductCache productCache(CacheProperties properties, JdbcClient jdbc, ObjectProvider<RedisProducts> l2,
			CacheMetrics metrics) {
		return new ProductCache(properties.enabled(), l1(properties, metrics), l2.getIfAvailable(), new ProductRows(jdbc),
				metrics);
	}

	static @Nullable Cache<String, CacheEntry> l1(CacheProperties properties, CacheMetrics metrics) {
		if (properties.l1MaximumSize() == 0) {
			return null;
		}
		Duration absent = (properties.absentTtl().compareTo(properties.l1Ttl()) < 0) ? properties.absentTtl()
				: properties.l1Ttl();
		Cache<String, CacheEntry> l1 = Caffeine.newBuilder()
			.maximumSize(properties.l1MaximumSize())
			// expire after write; an absent SKU sooner
			.expireAfter(Expiry.writing((String sku, CacheEntry entry) -> entry.present() ? properties.l1Ttl() : absent))
			.recordStats()
			.build();
		metrics.l1(l1);
		return l1;
	}

	@Bean
	@Conditional(RedisAutoConfigurationFilter.RedisConfigured.class)
	RedisProducts redisProducts(LettuceConnectionFactory connectionFactory, BulkConnection bulkConnection,
			CacheProperties properties, CacheMetrics metrics) {
		return redisProducts(connectionFactory, bulkConnection, properties, metrics, Clock.systemUTC());
	}

	@Bean
	@Conditional(RedisAutoConfigurationFilter.RedisConfigured.class)
	BulkConnection bulkConnection(LettuceConnectionFactory connectionFactory, CacheProperties properties) {
		return new BulkConnection(connectionFactory, properties.redisBulkTimeout());
	}

	static RedisProducts redisProducts(RedisConnectionFactory connectionFactory, BulkConnection bulkConnection,
			CacheProperties properties, CacheMetrics metrics, Clock clock) {
		RedisTemplate<String, byte[]> redis = new RedisTemplate<>();
		redis.setConnectionFactory(connectionFactory);
		redis.setKeySerializer(RedisSerializer.string());
		redis.setValueSerializer(RedisSerializer.byteArray());
		redis.afterPropertiesSet();
		Breaker breaker = new Breaker(properties.breakerFailures(), properties.breakerOpenFor(), clock);
		metrics.breaker(breaker);
		return new RedisProducts(redis, bulkConnection, properties, breaker, metrics);
	}

	@Bean
	@Conditional(RedisAutoConfigurationFilter.RedisConfigured.class)
	InvalidationSubscriber invalidationSubscriber(LettuceConnectionFactory connectionFactory, ProductCache cache,
			CacheProperties properties, CacheMetrics metrics) {
		return new InvalidationSubscriber(connectionFactory, RedisProducts.channel(properties), cache, metrics,
				properties.breakerOpenFor());
	}

	/** A cache read must not wait on Redis for Lettuce's default 60 seconds. */
	@Bean
	LettuceClientConfigurationBuilderCustomizer ambarRedisCommandTimeout(CacheProperties properties) {
		return builder -> builder.commandTimeout(properties.redisTimeout());
	}

	/** Fail commands at once while disconnected (Lettuce buffers and replays them by default); reconnect. */
	@Bean
	LettuceClientOptionsBuilderCustomizer ambarRedisClientOptions() {
		return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true);
	}

}
