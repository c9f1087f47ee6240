package io.ambar.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The cache's meters, all under {@code ambar.cache.}, tagged only with a level, a result, an operation, a reason
 * or a job name (never a SKU).
 */
final class CacheMetrics {

	/** Reads per level ({@code level} l1 or l2) and {@code result} (hit or miss). */
	static final String REQUESTS = "ambar.cache.requests";

	/** Database loads below both levels, by {@code result}: found or absent. */
	static final String LOADS = "ambar.cache.loads";

	/** Redis calls that failed (timeout, refused, disconnected), by {@code operation}. */
	static final String REDIS_ERRORS = "ambar.cache.redis.errors";

	/** Redis calls skipped because the breaker was open, by {@code operation}; skipped writes expire by TTL. */
	static final String REDIS_SKIPPED = "ambar.cache.redis.skipped";

	/** The Redis circuit breaker: 0 closed, 1 half-open, 2 open. */
	static final String BREAKER_STATE = "ambar.cache.breaker.state";

	/** Entries the cache-refresh step handled, by {@code job} and {@code result}: refreshed or not-refreshed. */
	static final String REFRESH_ENTRIES = "ambar.cache.refresh.entries";

	/** Products written to Redis by the cache-warm job. */
	static final String WARM_ENTRIES = "ambar.cache.warm.entries";

	/** SKUs invalidated in this node's L1 by messages from any node. */
	static final String INVALIDATIONS = "ambar.cache.invalidations";

	/** Times this node's L1 was emptied, by {@code reason}: subscribed or disconnected. */
	static final String L1_FLUSHES = "ambar.cache.l1.flushes";

	/** Entries in this node's L1. */
	static final String L1_SIZE = "ambar.cache.l1.size";

	/** Entries L1 evicted for its size limit or TTL. */
	static final String L1_EVICTIONS = "ambar.cache.l1.evictions";

	private final MeterRegistry registry;

	private final Counter l1Hits;

	private final Counter l1Misses;

	private final Counter l2Hits;

	private final Counter l2Misses;

	private final Counter found;

	private final Counter absent;

	private final Counter invalidations;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	CacheMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.l1Hits = requests("l1", "hit");
		this.l1Misses = requests("l1", "miss");
		this.l2Hits = requests("l2", "hit");
		this.l2Misses = requests("l2", "miss");
		this.found = Counter.builder(LOADS).description("Database loads below both cache levels").tag("result", "found").register(registry);
		this.absent = Counter.builder(LOADS).description("Database loads below both cache levels").tag("result", "absent").register(registry);
		this.invalidations = Counter.builder(INVALIDATIONS).description("SKUs invalidated in this node's L1 by messages").register(registry);
	}

	private Counter requests(String level, String result) {
		return Counter.builder(REQUESTS).description("Product cache reads per level").tag("level", level)
			.tag("result", result).register(this.registry);
	}

	void l1(boolean hit) {
		(hit ? this.l1Hits : this.l1Misses).increment();
	}

	void l2(boolean hit) {
		(hit ? this.l2Hits : this.l2Misses).increment();
	}

	void loaded(boolean present) {
		(present ? this.found : this.absent).increment();
	}

	void invalidated(int skus) {
		this.invalidations.increment(skus);
	}

	void redisError(String operation) {
		counter(REDIS_ERRORS, "Redis calls that failed", "operation", operation).increment();
	}

	void redisSkipped(String operation, int count) {
		counter(REDIS_SKIPPED, "Redis calls skipped while the breaker was open", "operation", operation).increment(count);
	}

	void l1Flushed(String reason) {
		counter(L1_FLUSHES, "Times this node's L1 was emptied", "reason", reason).increment();
	}

	void refreshed(String job, long refreshed, long notRefreshed) {
		counter(REFRESH_ENTRIES, "Entries the cache-refresh step handled", "job", job, "result", "refreshed")
			.increment(refreshed);
		counter(REFRESH_ENTRIES, "Entries the cache-refresh step handled", "job", job, "result", "not-refreshed")
			.increment(notRefreshed);
	}

	void warmed(int entries) {
		counter(WARM_ENTRIES, "Products written to Redis by cache-warm").increment(entries);
	}

	void breaker(Breaker breaker) {
		Gauge.builder(BREAKER_STATE, breaker, b -> b.state().ordinal())
			.description("Redis circuit breaker: 0 closed, 1 half-open, 2 open")
			.register(this.registry);
	}

	void l1(Cache<?, ?> l1) {
		Gauge.builder(L1_SIZE, l1, Cache::estimatedSize).description("Entries in this node's L1").register(this.registry);
		FunctionCounter.builder(L1_EVICTIONS, l1, c -> c.stats().evictionCount())
			.description("Entries L1 evicted for its size limit or TTL")
			.register(this.registry);
	}

	private Counter counter(String name, String description, String... tags) {
		return this.counters.computeIfAbsent(name + String.join(",", tags),
				key -> Counter.builder(name).description(description).tags(tags).register(this.registry));
	}

}
