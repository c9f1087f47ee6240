package io.ambar.feed;

import org.jspecify.annotations.Nullable;

/**
 * A feed line that was not applied: its line number, text as read, the SKU if one could be read, a reason code
 * (upper-case, stable: operators filter on it) and a human detail.
 */
public record Reject(long line, String raw, @Nullable String sku, String reason, String detail) {

	/** The reject for a line the reader could not split into fields. */
	public static Reject of(FeedRecord record, RowProblem problem) {
		return new Reject(record.line(), record.raw(), null, problem.reason(), problem.detail());
	}

}
