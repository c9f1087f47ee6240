package io.ambar.cache;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Lettuce connection of the jobs' bulk writes to Redis (cache-refresh, cache-warm), opened on first use from
 * the client that Spring Data Redis configured. A connection of its own because a pipeline of thousands of
 * commands must not be held to the reads' few-hundred-millisecond timeout (under load the last replies come later),
 * and because Spring Data Redis opens a new connection for every pipeline. Lettuce reconnects it; while it is
 * disconnected, commands are rejected at once, as on the reads' connection.
 */
final class BulkConnection implements AutoCloseable {

	private final LettuceConnectionFactory connectionFactory;

	private final Duration timeout;

	private @Nullable StatefulRedisConnection<byte[], byte[]> connection;

	BulkConnection(LettuceConnectionFactory connectionFactory, Duration timeout) {
		this.connectionFactory = connectionFactory;
		this.timeout = timeout;
	}

	/**
	 * The connection, opened if need be, in the database Spring Data Redis uses, flushing only when told (a
	 * pipeline goes out in a few large writes).
	 * @throws io.lettuce.core.RedisException when it cannot connect
	 */
	synchronized StatefulRedisConnection<byte[], byte[]> get() {
		if (this.connection == null || !this.connection.isOpen()) {
			if (!(this.connectionFactory.getRequiredNativeClient() instanceof RedisClient client)) {
				throw new IllegalStateException("bulk writes need a standalone or Sentinel Redis");
			}
			StatefulRedisConnection<byte[], byte[]> opened = client.connect(ByteArrayCodec.INSTANCE);
			opened.setTimeout(this.timeout);
			opened.sync().select(this.connectionFactory.getDatabase());
			opened.setAutoFlushCommands(false);
			this.connection = opened;
		}
		return this.connection;
	}

	Duration timeout() {
		return this.timeout;
	}

	/** Closes the connection, unless the client's shutdown (the connection factory stopping first) closed it. */
	@Override
	public synchronized void close() {
		if (this.connection != null && this.connection.isOpen()) {
			this.connection.close();
		}
	}

}
