package io.ambar.cache;

import java.time.Clock;
import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Another Ambar node in a test: its own L1, Lettuce client, breaker (on the given clock), invalidation subscriber
 * and meters, the same database. Its Redis is any port: the local Redis, a {@link RedisProxy}, or one where nothing
 * listens. Lettuce gets the options the application gives it (short timeouts, commands rejected while
 * disconnected).
 */
final class CacheNode implements AutoCloseable {

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final ProductCache cache;

	final InvalidationSubscriber subscriber;

	final Breaker breaker;

	private final LettuceConnectionFactory connectionFactory;

	private final BulkConnection bulk;

	CacheNode(int redisPort, CacheProperties properties, JdbcClient jdbc, Clock clock) {
		CacheMetrics metrics = new CacheMetrics(this.meters);
		this.connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(LocalRedis.HOST, redisPort),
				LettuceClientConfiguration.builder()
					.commandTimeout(properties.redisTimeout())
					.clientOptions(ClientOptions.builder()
						.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
						.autoReconnect(true)
						.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
						.build())
					.build());
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.bulk = new BulkConnection(this.connectionFactory, properties.redisBulkTimeout());
		RedisProducts l2 = CacheConfiguration.redisProducts(this.connectionFactory, this.bulk, properties, metrics, clock);
		this.breaker = l2.breaker();
		this.cache = new ProductCache(true, CacheConfiguration.l1(properties, metrics), l2, new ProductRows(jdbc), metrics);
		this.subscriber = new InvalidationSubscriber(this.connectionFactory, RedisProducts.channel(properties), this.cache,
				metrics, Duration.ofMillis(200));
		this.subscriber.start();
	}

	/** How many times this node emptied its L1 for the reason (subscribed, disconnected). */
	double flushes(String reason) {
		var counter = this.meters.find(CacheMetrics.L1_FLUSHES).tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Override
	public void close() {
		this.subscriber.stop();
		this.bulk.close();
		this.connectionFactory.destroy();
	}

}
