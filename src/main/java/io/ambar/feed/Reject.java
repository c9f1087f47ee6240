package io.ambar.feed;

import org.jspecify.annotations.Nullable;

/**
 * A feed line that was not applied: its line number, text as read, the SKU if one could be read, a reason code
 * (upper-case, stable: operators filter on it) and a human detail.
 */
public record Reject(long line, String raw, @Nullable String sku, String reason, String detail) {

	/** The reject for a line the reader found unusable, with its SKU when the reader could read one. */
	public static Reject of(FeedRecord record, RowProblem problem) {
		String sku = SkuRule.trimmed(record);
		return new Reject(record.line(), record.raw(), (sku == null || sku.isEmpty()) ? null : sku, problem.reason(),
				problem.detail());
	}

}
