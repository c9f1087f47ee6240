package io.ambar.cache;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import org.jspecify.annotations.Nullable;

/**
 * Products by SKU, cache-aside: L1 (Caffeine, in this node), then L2 (Redis, when configured; a hit fills L1),
 * then the database (which fills both). An unknown SKU is cached as absent for a short time.
 * <p>
 * Concurrent misses for one SKU make one load: the others wait for it. (A small map of loads in flight rather than
 * Caffeine's {@code get(key, loader)}, which would hold a lock of L1's hash table during a Redis or database round
 * trip, and would not coalesce with L1 off.)
 * <p>
 * No put goes back in versions: L1 keeps the newer of what it holds and what arrives ({@code asMap().compute}),
 * and a load that an invalidation overtook (the refresh wrote a newer version while it read) answers its callers
 * but is not kept. Redis does the same with a compare-and-set script.
 */
public class ProductCache {

	private final boolean enabled;

	private final @Nullable Cache<String, CacheEntry> l1;

	private final @Nullable RedisProducts l2;

	private final ProductLoader database;

	private final CacheMetrics metrics;

	private final ConcurrentMap<String, Load> loads = new ConcurrentHashMap<>();

	ProductCache(boolean enabled, @Nullable Cache<String, CacheEntry> l1, @Nullable RedisProducts l2,
			ProductLoader database, CacheMetrics metrics) {
		this.enabled = enabled;
		this.l1 = l1;
		this.l2 = l2;
		this.database = database;
		this.metrics = metrics;
	}

	/**
	 * The product with this SKU, empty when there is none. Never fails because of Redis (a Redis that fails or
	 * is slow costs at most its timeout, and nothing while the breaker is open).
	 * @throws org.springframework.dao.DataAccessException when the product had to be read from the database and
	 * that failed
	 */
	public Optional<CachedProduct> get(String sku) {
		if (!this.enabled) {
			return this.database.find(sku);
		}
		if (this.l1 != null) {
			CacheEntry hit = this.l1.getIfPresent(sku);
			this.metrics.l1(hit != null);
			if (hit != null) {
				return hit.found();
			}
		}
		return load(sku).found();
	}

	/** Whether there is a Redis level. */
	public boolean twoLevel() {
		return this.l2 != null;
	}

	private CacheEntry load(String sku) {
		Load mine = new Load();
		Load running = this.loads.putIfAbsent(sku, mine);
		if (running != null) {
			try {
				return running.result.join();
			}
			catch (CompletionException ex) {
				throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
			}
		}
		try {
			CacheEntry entry = loadBelowL1(sku);
			keep(sku, entry, mine);
			mine.result.complete(entry);
			return entry;
		}
		catch (RuntimeException ex) {
			mine.result.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loads.remove(sku, mine);
		}
	}

	private CacheEntry loadBelowL1(String sku) {
		if (this.l2 != null) {
			CacheEntry cached = this.l2.get(sku);
			if (cached != null) {
				return cached;
			}
		}
		CacheEntry loaded = CacheEntry.of(this.database.find(sku));
		this.metrics.loaded(loaded.present());
		if (this.l2 != null) {
			this.l2.put(sku, loaded);
		}
		return loaded;
	}

	/** Puts a loaded entry into L1 unless L1 holds a newer one or an invalidation overtook the load. */
	private void keep(String sku, CacheEntry entry, Load load) {
		if (this.l1 == null) {
			return;
		}
		this.l1.asMap().compute(sku, (key, held) -> {
			if (entry.version() < load.minVersion.get() || (held != null && held.version() > entry.version())) {
				return held;
			}
			return entry;
		});
	}

	/**
	 * Writes the products to Redis (each unless Redis holds a newer version) and invalidates them in every node's
	 * L1, this one included, which happens even when Redis fails.
	 * @throws RedisUnavailableException when Redis failed or the breaker is open
	 */
	void refresh(List<? extends CachedProduct> products) {
		try {
			if (this.l2 != null) {
				this.l2.putAll(products, true, "refresh");
			}
		}
		finally {
			invalidate(products.stream().map(p -> new SkuVersion(p.sku(), p.version())).toList());
		}
	}

	/**
	 * Writes the products to Redis, each unless Redis holds a newer version.
	 * @return how many were written
	 * @throws RedisUnavailableException when Redis failed, the breaker is open or there is no Redis
	 */
	int warm(List<? extends CachedProduct> products) {
		if (this.l2 == null) {
			throw new RedisUnavailableException("no Redis configured", true, null);
		}
		int written = this.l2.putAll(products, false, "warm");
		this.metrics.warmed(products.size());
		return written;
	}

	/**
	 * Drops from L1 what is older than the given versions, and keeps loads in flight for those SKUs from caching
	 * what they read: it may predate the change.
	 */
	void invalidate(Collection<SkuVersion> changed) {
		if (this.l1 == null) {
			return;
		}
		for (SkuVersion one : changed) {
			this.l1.asMap().compute(one.sku(), (sku, held) -> {
				Load load = this.loads.get(sku);
				if (load != null) {
					load.minVersion.accumulateAndGet(one.version(), Math::max);
				}
				return (held != null && held.version() >= one.version()) ? held : null;
			});
		}
	}

	/**
	 * Whether this node's L1 holds nothing and no load is in flight that could still put what it read: then no
	 * entry of this node can be older than data committed before the call. A load that starts later reads that data.
	 */
	boolean l1HoldsNothing() {
		if (this.l1 == null) {
			return true;
		}
		if (!this.loads.isEmpty()) {
			return false;
		}
		this.l1.cleanUp();
		return this.l1.estimatedSize() == 0;
	}

	/** Empties L1, and keeps the loads in flight from caching what they read. */
	void flushL1(String reason) {
		if (this.l1 == null) {
			return;
		}
		this.loads.values().forEach(load -> load.minVersion.set(Long.MAX_VALUE));
		this.l1.invalidateAll();
		this.metrics.l1Flushed(reason);
	}

	/** The entries L1 holds now (an estimate), 0 without L1. */
	public long l1Size() {
		if (this.l1 == null) {
			return 0;
		}
		this.l1.cleanUp();
		return this.l1.estimatedSize();
	}

	/** Whether L1 holds this SKU at this version or a newer one; for tests and the benchmark. */
	boolean l1Holds(String sku, long version) {
		CacheEntry held = (this.l1 != null) ? this.l1.asMap().get(sku) : null;
		return held != null && held.version() >= version;
	}

	private static final class Load {

		private final CompletableFuture<CacheEntry> result = new CompletableFuture<>();

		/** Versions below this are stale for the SKU: an invalidation arrived while loading. */
		private final AtomicLong minVersion = new AtomicLong();

	}

}
