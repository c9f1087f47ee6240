package io.ambar.bench;

/**
 * What the bench measures: a feed, the share of it that changes the catalogue, and the catalogue it starts from.
 */
enum Scenario {

	S1("S1 stock: every row changed", true, 100),

	S2("S2 stock: full snapshot, 10% changed", true, 10),

	P1("P1 products: all new (empty catalogue)", false, 0),

	P2("P2 products: 90% unchanged, 10% new price", false, 10);

	private final String title;

	private final boolean stock;

	private final int changedPercent;

	Scenario(String title, boolean stock, int changedPercent) {
		this.title = title;
		this.stock = stock;
		this.changedPercent = changedPercent;
	}

	String title() {
		return this.title;
	}

	boolean stock() {
		return this.stock;
	}

	/** The share of feed lines that differ from the starting catalogue; P1's catalogue is empty, so all do. */
	int changedPercent() {
		return this.changedPercent;
	}

}
