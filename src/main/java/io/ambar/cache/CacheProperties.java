package io.ambar.cache;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The product cache, {@code ambar.cache.*}. Redis itself is Spring Boot's {@code spring.data.redis.*}; without
 * {@code spring.data.redis.host} or {@code url} the cache is L1 only.
 *
 * @param enabled false: every read goes to the database (the benchmark's baseline)
 * @param keyPrefix prefix of every Redis key and channel, so that Ambar can share a Redis ({@code ambar:product:<sku>})
 * @param l1MaximumSize products each node keeps in memory (L1); 0 turns L1 off
 * @param l1Ttl how long L1 keeps a product: the bound on staleness when an invalidation message is lost
 * @param l2Ttl how long Redis keeps a product: the bound on staleness when a refresh could not reach Redis
 * @param absentTtl how long an unknown SKU is remembered as absent (in L1 at most {@code l1-ttl})
 * @param redisTimeout the Redis command timeout; a slow Redis costs a read at most this
 * @param redisBulkTimeout how long the jobs wait for Redis to answer a pipeline of writes
 * @param breakerFailures consecutive Redis failures that open the circuit breaker
 * @param breakerOpenFor how long the open breaker skips Redis before one call tries it again
 * @param refreshBatchSize changed products per pipelined write (and per transaction) of the cache-refresh step
 * @param refreshRetries retries of a refresh batch that Redis refused, before it counts as not refreshed
 * @param refreshBackoff the wait before the first retry, doubled for each further one
 * @param warmChunkSize products per page and per pipelined write of the cache-warm job
 */
@Validated
@ConfigurationProperties("ambar.cache")
record CacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("ambar:") @NotBlank String keyPrefix,
		@DefaultValue("100000") @PositiveOrZero long l1MaximumSize, @DefaultValue("30s") Duration l1Ttl,
		@DefaultValue("1h") Duration l2Ttl, @DefaultValue("30s") Duration absentTtl,
		@DefaultValue("300ms") Duration redisTimeout, @DefaultValue("5s") Duration redisBulkTimeout,
		@DefaultValue("3") @Positive int breakerFailures,
		@DefaultValue("5s") Duration breakerOpenFor, @DefaultValue("5000") @Positive int refreshBatchSize,
		@DefaultValue("3") @PositiveOrZero int refreshRetries, @DefaultValue("200ms") Duration refreshBackoff,
		@DefaultValue("10000") @Positive int warmChunkSize) {
}
