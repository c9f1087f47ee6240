package io.ambar.feed;

import org.jspecify.annotations.Nullable;

/**
 * What a SKU must be in any feed: 1 to 64 characters after trimming, no control characters. Case is kept:
 * {@code a-1} and {@code A-1} are different products.
 */
public final class SkuRule {

	public static final int MAX_LENGTH = 64;

	private SkuRule() {
	}

	/**
	 * Checks the SKU field of a record.
	 * @return the reject for the record, or null when the SKU (see {@link #trimmed}) is valid
	 */
	public static @Nullable Reject check(FeedRecord record, @Nullable String sku) {
		if (sku == null || sku.isEmpty()) {
			return new Reject(record.line(), record.raw(), null, "MISSING_SKU", "sku is missing or blank");
		}
		if (sku.length() > MAX_LENGTH) {
			return new Reject(record.line(), record.raw(), sku, "INVALID_SKU",
					"sku has " + sku.length() + " characters, at most " + MAX_LENGTH + " allowed");
		}
		for (int i = 0; i < sku.length(); i++) {
			if (Character.isISOControl(sku.charAt(i))) {
				return new Reject(record.line(), record.raw(), sku, "INVALID_SKU",
						"sku holds a control character at position " + (i + 1));
			}
		}
		return null;
	}

	/** The record's SKU field with surrounding white space removed, or null if absent. */
	public static @Nullable String trimmed(FeedRecord record) {
		String sku = record.field("sku");
		return (sku != null) ? sku.strip() : null;
	}

}
