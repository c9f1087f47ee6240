package io.ambar.stock;

import io.ambar.feed.FeedFields;
import io.ambar.feed.JsonType;

import org.jspecify.annotations.Nullable;

/**
 * One valid stock feed line: the new absolute stock level of a SKU.
 */
record StockLine(String sku, int quantity, long line, String raw) {

	/** What a stock feed line holds; in JSON Lines a SKU may be an integer, a quantity a number or a string. */
	static final FeedFields FIELDS = FeedFields.ANY.required("sku", JsonType.STRING_OR_INTEGER)
		.required("quantity", JsonType.NUMBER_OR_STRING);

	/** Longest digit run that can be a 32-bit int, leading zeros removed. */
	private static final int MAX_DIGITS = 10;

	/**
	 * Parses a quantity strictly: ASCII digits only, no sign, no decimal point, no exponent, no grouping, at most
	 * {@link Integer#MAX_VALUE}; surrounding white space is ignored and leading zeros are allowed.
	 * @return the quantity, or null when the text is not such a number
	 */
	static @Nullable Integer parseQuantity(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String digits = text.strip();
		int start = 0;
		while (start < digits.length() - 1 && digits.charAt(start) == '0') {
			start++;
		}
		if (digits.isEmpty() || digits.length() - start > MAX_DIGITS) {
			return null;
		}
		long value = 0;
		for (int i = start; i < digits.length(); i++) {
			char c = digits.charAt(i);
			if (c < '0' || c > '9') {
				return null;
			}
			value = value * 10 + (c - '0');
		}
		return (value <= Integer.MAX_VALUE) ? (int) value : null;
	}

}
