package io.ambar.cache;

/**
 * Which as-of watermark of {@code products} a feed job writes: how the {@code cache-refresh} step tells the rows
 * its run changed from rows a later run changed meanwhile.
 */
public enum Watermark {

	/** stock-update: {@code stock_as_of}. */
	STOCK("stock_as_of", false),

	/** product-sync: {@code content_as_of}, written by its apply and deactivate steps. */
	CONTENT("content_as_of", true);

	private final String column;

	private final boolean deactivates;

	Watermark(String column, boolean deactivates) {
		this.column = column;
		this.deactivates = deactivates;
	}

	/** The column, a constant: safe in SQL text. */
	String column() {
		return this.column;
	}

	/** Whether the job also deactivates products that its apply table does not name. */
	boolean deactivates() {
		return this.deactivates;
	}

}
