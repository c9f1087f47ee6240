package io.ambar.bench;

/**
 * The ways of applying a feed that the bench times against each other, named as in {@code contenders=}.
 */
enum Contender {

	RAW("raw", "(a) raw: COPY + one UPDATE", "(a) raw: COPY + one INSERT ON CONFLICT"),

	PLAIN("plain", "(b) plain Spring Batch (bench-plain-stock)", "(b) plain Spring Batch (bench-plain-product)"),

	AMBAR("ambar", "(c) Ambar stock-update", "(c) Ambar product-sync"),

	PERROW("perrow", "(d) one autocommitted UPDATE per row (sample)", "(d) per row: stock only");

	private final String key;

	private final String stockLabel;

	private final String productLabel;

	Contender(String key, String stockLabel, String productLabel) {
		this.key = key;
		this.stockLabel = stockLabel;
		this.productLabel = productLabel;
	}

	String key() {
		return this.key;
	}

	String label(Scenario scenario) {
		return scenario.stock() ? this.stockLabel : this.productLabel;
	}

}
