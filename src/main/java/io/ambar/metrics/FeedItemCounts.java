package io.ambar.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.ambar.feed.FeedRunListener;
import io.ambar.feed.FeedSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Publishes a feed run's counts as the {@code ambar.items.*} counters when an execution ends, whatever its outcome,
 * from its {@link FeedSummary}: the counts that committed, so they match what operators read even after a kill. What
 * was published is kept in the job's context (a restart inherits it), so that a restart publishes only what its
 * instance counted since, and each count is published once per job instance.
 * <p>
 * The mark is saved before the counters move: a process that dies in between loses counts that died with its
 * registry anyway.
 */
class FeedItemCounts implements FeedRunListener {

	/** What was published of each count, in the job execution context. */
	static final String PUBLISHED = "ambar.metrics.published.";

	private static final Map<String, AmbarMeters> METERS = Map.of(FeedSummary.READ, AmbarMeters.ITEMS_READ,
			FeedSummary.APPLIED, AmbarMeters.ITEMS_APPLIED, FeedSummary.INSERTED, AmbarMeters.ITEMS_INSERTED,
			FeedSummary.UPDATED, AmbarMeters.ITEMS_UPDATED, FeedSummary.UNCHANGED, AmbarMeters.ITEMS_UNCHANGED,
			FeedSummary.STALE, AmbarMeters.ITEMS_STALE, FeedSummary.SUPERSEDED, AmbarMeters.ITEMS_SUPERSEDED,
			FeedSummary.DEACTIVATED, AmbarMeters.ITEMS_DEACTIVATED);

	private final MeterRegistry registry;

	private final JobRepository repository;

	FeedItemCounts(MeterRegistry registry, JobRepository repository) {
		this.registry = registry;
		this.repository = repository;
	}

	/** Registers the job's counters at zero, so that their series exist before its first run. */
	@Override
	public void built(String job) {
		METERS.forEach((key, meter) -> counter(meter, job, Objects.requireNonNull(FeedSummary.step(key)), null));
	}

	@Override
	public void afterJob(JobExecution execution) {
		String job = execution.getJobInstance().getJobName();
		ExecutionContext context = execution.getExecutionContext();
		Map<String, Long> counts = new LinkedHashMap<>(FeedSummary.of(execution).counts());
		if (!counts.containsKey(FeedSummary.APPLIED)
				&& (counts.containsKey(FeedSummary.INSERTED) || counts.containsKey(FeedSummary.UPDATED))) {
			// product-sync counts what it applied as inserted and updated
			counts.put(FeedSummary.APPLIED, counts.getOrDefault(FeedSummary.INSERTED, 0L)
					+ counts.getOrDefault(FeedSummary.UPDATED, 0L));
		}
		Map<String, Long> news = new LinkedHashMap<>();
		counts.forEach((key, count) -> {
			long published = context.getLong(PUBLISHED + key, 0L);
			if (FeedSummary.step(key) != null && count > published) {
				news.put(key, count - published);
				context.putLong(PUBLISHED + key, count);
			}
		});
		if (news.isEmpty()) {
			return;
		}
		this.repository.updateExecutionContext(execution);
		news.forEach((key, count) -> counter(key, job).increment(count));
	}

	private Counter counter(String key, String job) {
		String step = Objects.requireNonNull(FeedSummary.step(key));
		if (key.startsWith(FeedSummary.REJECTED + ".")) {
			return counter(AmbarMeters.ITEMS_REJECTED, job, step, key.substring(FeedSummary.REJECTED.length() + 1));
		}
		return counter(Objects.requireNonNull(METERS.get(key)), job, step, null);
	}

	private Counter counter(AmbarMeters meter, String job, String step, @Nullable String reason) {
		Counter.Builder builder = Counter.builder(meter.meterName())
			.description(meter.description())
			.tag(AmbarMeters.JOB, job)
			.tag(AmbarMeters.STEP, step);
		if (reason != null) {
			builder.tag(AmbarMeters.REASON, reason);
		}
		return builder.register(this.registry);
	}

}
