package io.ambar.bench;

import java.util.EnumSet;
import java.util.Set;

/**
 * The ways of applying a feed that the bench times against each other, named as in {@code contenders=}.
 */
enum Contender {

	RAW("raw", "(a) raw: COPY + one UPDATE", "(a) raw: COPY + one INSERT ON CONFLICT"),

	PLAIN("plain", "(b) plain Spring Batch (bench-plain-stock)", "(b) plain Spring Batch (bench-plain-product)"),

	AMBAR("ambar", "(c) Ambar stock-update", "(c) Ambar product-sync"),

	PERROW("perrow", "(d) one autocommitted UPDATE per row (sample)", "(d) per row: stock only"),

	/** Ambar's job observed as in {@code server}: job, step and chunk observations, item observations off. */
	OBSERVED("observed", "(c1) Ambar stock-update, observed, item observations off",
			"(c1) Ambar product-sync, observed, item observations off"),

	/** Ambar's job observed with the per-item observations too ({@code spring.batch.item.read}, {@code .process}). */
	OBSERVED_ITEMS("observed-items", "(c2) Ambar stock-update, observed, item observations on",
			"(c2) Ambar product-sync, observed, item observations on");

	/** What {@code contenders=} defaults to: the observed variants run only when named. */
	static final Set<Contender> DEFAULT = EnumSet.of(RAW, PLAIN, AMBAR, PERROW);

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
