package io.ambar.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Redis level (L2): one string key per SKU, {@code <prefix>product:<sku>}, holding a {@link ProductCodec}
 * value with a TTL, and the invalidation channel {@code <prefix>invalidate}.
 * <p>
 * Every write is a compare-and-set on the version (a Lua script): a value never replaces a newer version, so a slow
 * reader cannot overwrite what a refresh wrote. Every call goes through the {@link Breaker}: reads that fail or are
 * skipped count as misses and never throw; bulk writes throw {@link RedisUnavailableException} so that the job
 * can retry and count them. Reads and single puts go through Spring Data Redis with the short command timeout;
 * the jobs' bulk writes are pipelined on a {@link BulkConnection}.
 */
final class RedisProducts {

	/**
	 * For each key KEYS[i], three arguments: ARGV[3i-2] the new version, ARGV[3i-1] the value (its first 8 bytes
	 * are the version, big-endian), ARGV[3i] the TTL in milliseconds; stores the value unless the key holds a newer
	 * version. Returns how many it stored. Several keys per call, so that a pipeline of thousands of puts costs
	 * Redis and the client a call per {@link #KEYS_PER_CALL} products.
	 */
	static final RedisScript<Long> PUT_IF_NOT_OLDER = RedisScript.of("""
			local stored = 0
			for i = 1, #KEYS do
			  local held = redis.call('GETRANGE', KEYS[i], 0, 7)
			  local version = -1
			  if #held == 8 then
			    version = 0
			    for b = 1, 8 do version = version * 256 + string.byte(held, b) end
			  end
			  if version <= tonumber(ARGV[3 * i - 2]) then
			    redis.call('SET', KEYS[i], ARGV[3 * i - 1], 'PX', ARGV[3 * i])
			    stored = stored + 1
			  end
			end
			return stored
			""", Long.class);

	/** Products per script call in a pipeline; the call holds Redis for about a microsecond per product. */
	static final int KEYS_PER_CALL = 100;

	private static final byte[] SCRIPT = PUT_IF_NOT_OLDER.getScriptAsString().getBytes(StandardCharsets.UTF_8);

	private final RedisTemplate<String, byte[]> redis;

	private final String keyPrefix;

	private final byte[] channel;

	private final Duration ttl;

	private final Duration absentTtl;

	private final BulkConnection bulk;

	private final Breaker breaker;

	private final CacheMetrics metrics;

	RedisProducts(RedisTemplate<String, byte[]> redis, BulkConnection bulk, CacheProperties properties,
			Breaker breaker, CacheMetrics metrics) {
		this.redis = redis;
		this.bulk = bulk;
		this.keyPrefix = properties.keyPrefix() + "product:";
		this.channel = channel(properties).getBytes(StandardCharsets.UTF_8);
		this.ttl = properties.l2Ttl();
		this.absentTtl = properties.absentTtl();
		this.breaker = breaker;
		this.metrics = metrics;
	}

	static String channel(CacheProperties properties) {
		return properties.keyPrefix() + "invalidate";
	}

	Breaker breaker() {
		return this.breaker;
	}

	String key(String sku) {
		return this.keyPrefix + sku;
	}

	/** The entry Redis holds for the SKU; null on a miss, and when Redis failed or was skipped. */
	@Nullable CacheEntry get(String sku) {
		if (!this.breaker.allow()) {
			this.metrics.redisSkipped("get", 1);
			return null;
		}
		byte[] value;
		try {
			value = this.redis.opsForValue().get(key(sku));
			this.breaker.success();
		}
		catch (DataAccessException ex) {
			failed("get");
			return null;
		}
		this.metrics.l2(value != null);
		return (value != null) ? ProductCodec.decode(sku, value) : null;
	}

	/** Stores the entry unless Redis holds a newer version; failures are counted, never thrown. */
	void put(String sku, CacheEntry entry) {
		if (!this.breaker.allow()) {
			this.metrics.redisSkipped("put", 1);
			return;
		}
		try {
			this.redis.execute(PUT_IF_NOT_OLDER, List.of(key(sku)), decimal(entry.version()), ProductCodec.encode(entry),
					decimal(ttlMillis(entry)));
			this.breaker.success();
		}
		catch (DataAccessException ex) {
			failed("put");
		}
	}

	/**
	 * Stores the products, each unless Redis holds a newer version, in one pipeline on the bulk connection, then
	 * (when asked) publishes their SKUs and versions on the invalidation channel in the same pipeline, so that
	 * every node hears of them after Redis holds them. One pipeline at a time per node.
	 * @return how many were stored (the others were older than what Redis holds)
	 * @throws RedisUnavailableException when the breaker is open or Redis failed; some may have been stored
	 */
	synchronized int putAll(List<? extends CachedProduct> products, boolean publish, String operation) {
		if (!this.breaker.allow()) {
			this.metrics.redisSkipped(operation, products.size());
			throw RedisUnavailableException.skipped();
		}
		try {
			StatefulRedisConnection<byte[], byte[]> connection = this.bulk.get();
			RedisAsyncCommands<byte[], byte[]> redis = connection.async();
			List<RedisFuture<?>> replies = new ArrayList<>(products.size() / KEYS_PER_CALL + 3);
			// loaded first in the same pipeline: EVALSHA of an unknown script fails, and Redis may have restarted
			replies.add(redis.scriptLoad(SCRIPT));
			for (int from = 0; from < products.size(); from += KEYS_PER_CALL) {
				List<? extends CachedProduct> call = products.subList(from, Math.min(from + KEYS_PER_CALL, products.size()));
				byte[][] keys = new byte[call.size()][];
				byte[][] arguments = new byte[call.size() * 3][];
				for (int i = 0; i < call.size(); i++) {
					CacheEntry entry = CacheEntry.of(call.get(i));
					keys[i] = key(call.get(i).sku()).getBytes(StandardCharsets.UTF_8);
					arguments[3 * i] = decimal(entry.version());
					arguments[3 * i + 1] = ProductCodec.encode(entry);
					arguments[3 * i + 2] = decimal(ttlMillis(entry));
				}
				replies.add(redis.evalsha(PUT_IF_NOT_OLDER.getSha1(), ScriptOutputType.INTEGER, keys, arguments));
				// Redis runs this call while the next one is encoded
				connection.flushCommands();
			}
			if (publish) {
				replies.add(redis.publish(this.channel, InvalidationMessage.encode(
						products.stream().map(p -> new SkuVersion(p.sku(), p.version())).toList())));
			}
			connection.flushCommands();
			if (!LettuceFutures.awaitAll(this.bulk.timeout(), replies.toArray(RedisFuture[]::new))) {
				throw new RedisCommandTimeoutException("no reply within " + this.bulk.timeout());
			}
			int stored = 0;
			for (int i = 1; i <= (products.size() + KEYS_PER_CALL - 1) / KEYS_PER_CALL; i++) {
				stored += ((Long) replies.get(i).get()).intValue();
			}
			this.breaker.success();
			return stored;
		}
		catch (RuntimeException | ExecutionException ex) {
			failed(operation);
			throw new RedisUnavailableException("Redis refused " + operation + " of " + products.size()
					+ " products: " + ex.getMessage(), false, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisUnavailableException("interrupted", false, ex);
		}
	}

	/** The TTL of an entry: an absent SKU's is short; a product's is spread by up to a tenth, so a warmed Redis does not expire all at once. */
	private long ttlMillis(CacheEntry entry) {
		if (!entry.present()) {
			return this.absentTtl.toMillis();
		}
		long ttl = this.ttl.toMillis();
		return ttl - ThreadLocalRandom.current().nextLong(ttl / 10 + 1);
	}

	private void failed(String operation) {
		this.breaker.failure();
		this.metrics.redisError(operation);
	}

	private static byte[] decimal(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}

}
