package io.ambar.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Keeps this node's L1 fresh: listens on the invalidation channel and drops the SKUs other nodes refreshed.
 * <p>
 * Pub/sub drops what is published while a node is disconnected, so L1 is emptied whenever the subscription is
 * confirmed (at start and after every reconnect, when messages may have been missed) and when the connection
 * drops; L1's short TTL bounds what a message lost otherwise can leave stale.
 * <p>
 * Uses Lettuce's pub/sub connection directly: Spring Data Redis's listener container does not tell when Lettuce
 * reconnected and resubscribed behind it, which is exactly when L1 must be emptied. A subscription that cannot be
 * made at start (Redis down) is tried again every {@code retryEvery}.
 */
final class InvalidationSubscriber implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(InvalidationSubscriber.class);

	private final LettuceConnectionFactory connectionFactory;

	private final byte[] channel;

	private final ProductCache cache;

	private final CacheMetrics metrics;

	private final Duration retryEvery;

	private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "ambar-cache-subscriber");
		thread.setDaemon(true);
		return thread;
	});

	private volatile @Nullable StatefulRedisPubSubConnection<byte[], byte[]> connection;

	private volatile boolean running;

	private final AtomicInteger subscriptions = new AtomicInteger();

	InvalidationSubscriber(LettuceConnectionFactory connectionFactory, String channel, ProductCache cache,
			CacheMetrics metrics, Duration retryEvery) {
		this.connectionFactory = connectionFactory;
		this.channel = channel.getBytes(StandardCharsets.UTF_8);
		this.cache = cache;
		this.metrics = metrics;
		this.retryEvery = retryEvery;
	}

	@Override
	public void start() {
		this.running = true;
		this.retries.execute(this::subscribe);
	}

	@Override
	public void stop() {
		this.running = false;
		this.retries.shutdownNow();
		StatefulRedisPubSubConnection<byte[], byte[]> subscribed = this.connection;
		if (subscribed != null) {
			subscribed.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** How many times Redis confirmed the subscription (and L1 was emptied for it): at start, then per reconnect. */
	int subscriptions() {
		return this.subscriptions.get();
	}

	private void subscribe() {
		if (!this.running) {
			return;
		}
		if (!(this.connectionFactory.getRequiredNativeClient() instanceof RedisClient client)) {
			logger.warn("Redis Cluster: no cross-node L1 invalidation; L1 entries live up to ambar.cache.l1-ttl");
			return;
		}
		StatefulRedisPubSubConnection<byte[], byte[]> subscription = null;
		try {
			subscription = client.connectPubSub(ByteArrayCodec.INSTANCE);
			subscription.addListener(new Listener());
			subscription.addListener(new ConnectionListener());
			subscription.sync().subscribe(this.channel);
			this.connection = subscription;
		}
		catch (RuntimeException ex) {
			if (subscription != null) {
				subscription.close();
			}
			logger.warn("Cannot subscribe to cache invalidations (" + ex.getMessage() + "); trying again in "
					+ this.retryEvery.toMillis() + " ms");
			if (this.running) {
				this.retries.schedule(this::subscribe, this.retryEvery.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	private final class Listener extends RedisPubSubAdapter<byte[], byte[]> {

		@Override
		public void message(byte[] channel, byte[] message) {
			var changed = InvalidationMessage.decode(message);
			InvalidationSubscriber.this.cache.invalidate(changed);
			InvalidationSubscriber.this.metrics.invalidated(changed.size());
		}

		@Override
		public void subscribed(byte[] channel, long count) {
			// at start, and after every reconnect: what was published meanwhile never reached this node
			InvalidationSubscriber.this.cache.flushL1("subscribed");
			InvalidationSubscriber.this.subscriptions.incrementAndGet();
		}

	}

	private final class ConnectionListener implements RedisConnectionStateListener {

		@Override
		public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
			InvalidationSubscriber.this.cache.flushL1("disconnected");
		}

	}

}
