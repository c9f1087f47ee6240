package io.ambar.feed;

import java.util.Locale;

/**
 * Why one record of a feed cannot be used while the rest of the file still can: a reason code (one of the constants
 * here, fit for a metric tag) and a detail for people.
 */
public record RowProblem(String reason, String detail) {

	/** A CSV record whose number of fields differs from the header's. */
	public static final String WRONG_COLUMN_COUNT = "WRONG_COLUMN_COUNT";

	/** A CSV record with a quote inside an unquoted field or text after a closing quote. */
	public static final String MALFORMED_CSV = "MALFORMED_CSV";

	/** A JSON Lines line that is not valid JSON, is not an object, or repeats a key. */
	public static final String MALFORMED_JSON = "MALFORMED_JSON";

	/**
	 * A line (or a CSV record over several lines) longer than 1 MiB: read past, not held, and kept cut in the
	 * ledger.
	 */
	public static final String LINE_TOO_LONG = "LINE_TOO_LONG";

	/** A JSON Lines field whose value is not of its {@link JsonType}, such as an object for a SKU. */
	public static final String WRONG_TYPE = "WRONG_TYPE";

	/**
	 * A JSON Lines text field holding an unpaired surrogate (<code>"&#92;ud800"</code>), which no database text can
	 * store.
	 */
	public static final String INVALID_TEXT = "INVALID_TEXT";

	static RowProblem lineTooLong(long bytes) {
		return new RowProblem(LINE_TOO_LONG, String.format(Locale.ROOT, "%,d bytes, more than the %,d a line may have",
				bytes, PhysicalLines.MAX_LINE_BYTES));
	}

}
