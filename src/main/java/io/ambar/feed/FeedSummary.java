package io.ambar.feed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The counts of a feed run (read, applied, unchanged, superseded, rejected by reason, ...), kept in the job
 * execution context under {@code summary.*} as the steps produce them, and copied onto the last step.
 */
public final class FeedSummary {

	public static final String READ = "read";

	public static final String APPLIED = "applied";

	public static final String INSERTED = "inserted";

	public static final String UPDATED = "updated";

	public static final String UNCHANGED = "unchanged";

	public static final String SUPERSEDED = "superseded";

	/** Lines not applied because a feed of the same or a later as-of already wrote the product. */
	public static final String STALE = "stale";

	public static final String DEACTIVATED = "deactivated";

	public static final String REJECTED = "rejected";

	private static final String PREFIX = "summary.";

	/** The reason of the rejects that classify finds (a SKU absent from the catalogue); load finds the others. */
	private static final String UNKNOWN_SKU = "UNKNOWN_SKU";

	/** The step of a feed job whose work each count is. */
	private static final Map<String, String> STEPS = Map.of(READ, FeedSteps.LOAD, APPLIED, "apply", INSERTED, "apply",
			UPDATED, "apply", UNCHANGED, "classify", STALE, "classify", SUPERSEDED, "classify", DEACTIVATED,
			"deactivate");

	private static final List<String> ORDER = List.of(READ, APPLIED, INSERTED, UPDATED, UNCHANGED, STALE,
			SUPERSEDED, DEACTIVATED, REJECTED);

	private final ExecutionContext context;

	private FeedSummary(ExecutionContext context) {
		this.context = context;
	}

	public static FeedSummary of(JobExecution job) {
		return new FeedSummary(job.getExecutionContext());
	}

	public FeedSummary put(String key, long count) {
		this.context.putLong(PREFIX + key, count);
		return this;
	}

	/** Records the rejects by reason as {@code rejected.<REASON>} and their total as {@code rejected}. */
	public FeedSummary putRejects(Map<String, Long> byReason) {
		byReason.forEach((reason, count) -> put(REJECTED + "." + reason, count));
		return put(REJECTED, byReason.values().stream().mapToLong(Long::longValue).sum());
	}

	public long get(String key) {
		return this.context.getLong(PREFIX + key, 0L);
	}

	/** The counts in reading order: the main ones first, then rejects by reason, then any other (cache.*). */
	public Map<String, Long> counts() {
		Map<String, Long> all = new TreeMap<>();
		this.context.entrySet()
			.stream()
			.filter(e -> e.getKey().startsWith(PREFIX) && e.getValue() instanceof Number)
			.forEach(e -> all.put(e.getKey().substring(PREFIX.length()), ((Number) e.getValue()).longValue()));
		Map<String, Long> ordered = new LinkedHashMap<>();
		ORDER.stream().filter(all::containsKey).forEach(key -> ordered.put(key, all.remove(key)));
		List.copyOf(all.keySet())
			.stream()
			.filter(key -> key.startsWith(REJECTED + "."))
			.forEach(key -> ordered.put(key, all.remove(key)));
		ordered.putAll(all);
		return ordered;
	}

	/**
	 * The step of a feed job whose work a count is: {@code load} reads and rejects malformed lines, {@code classify}
	 * finds unknown SKUs and the superseded, stale and unchanged lines, {@code apply} and {@code deactivate} write.
	 * @return the step's name, or null for a count that is not a feed job's (cache.*, another job's)
	 */
	public static @Nullable String step(String key) {
		if (key.startsWith(REJECTED + ".")) {
			return key.equals(REJECTED + "." + UNKNOWN_SKU) ? "classify" : FeedSteps.LOAD;
		}
		return STEPS.get(key);
	}

	void copyTo(ExecutionContext step) {
		counts().forEach((key, count) -> step.putLong(PREFIX + key, count));
	}

}
