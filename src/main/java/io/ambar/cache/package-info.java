/**
 * The two-level product cache: Caffeine in each node (L1), Redis when configured (L2), the products table below
 * both; the cross-node invalidation, the Redis circuit breaker, the feed jobs' {@code cache-refresh} step and the
 * {@code cache-warm} job.
 */
@NullMarked
package io.ambar.cache;

import org.jspecify.annotations.NullMarked;
