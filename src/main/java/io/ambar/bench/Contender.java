package io.ambar.bench;

import java.util.EnumSet;
import java.util.Set;

/**
 * The ways of applying a feed that the bench times against each other, named as in {@code contenders=}, in report
 * order.
 */
enum Contender {

	RAW("raw", "(a) raw: COPY + one UPDATE", "(a) raw: COPY + one INSERT ON CONFLICT"),

	/** The best hand-written SQL: like (a), but writing only the rows whose value differs. */
	SMART("smart", "(a') smart raw: COPY + one UPDATE of the rows that differ",
			"(a') smart raw: COPY + one upsert of the rows whose content differs"),

	/** The database's own limit for writing products: typed CSV, prepared outside the timing. */
	CSV("csv", "(a'') typed CSV: products only", "(a'') typed CSV (prepared untimed): COPY + one INSERT ON CONFLICT"),

	PLAIN("plain", "(b) plain Spring Batch (bench-plain-stock)", "(b) plain Spring Batch (bench-plain-product)"),

	AMBAR("ambar", "(c) Ambar stock-update", "(c) Ambar product-sync"),

	/**
	 * Ambar's job from the jar's nested jars, without the prepared start ({@code -Dambar.prepared-start=false}): what
	 * {@code java -jar} gives without the layout the build prepares. Cold mode only.
	 */
	NESTED("nested", "(c') Ambar stock-update, nested jar", "(c') Ambar product-sync, nested jar"),

	PERROW("perrow", "(d) one autocommitted UPDATE per row (sample)", "(d) per row: stock only"),

	/** Ambar's job observed as in {@code server}: job, step and chunk observations, item observations off. */
	OBSERVED("observed", "(c1) Ambar stock-update, observed, item observations off",
			"(c1) Ambar product-sync, observed, item observations off"),

	/** Ambar's job observed with the per-item observations too ({@code spring.batch.item.read}, {@code .process}). */
	OBSERVED_ITEMS("observed-items", "(c2) Ambar stock-update, observed, item observations on",
			"(c2) Ambar product-sync, observed, item observations on");

	/** What {@code contenders=} defaults to: the observed variants run only when named. */
	static final Set<Contender> DEFAULT = EnumSet.of(RAW, SMART, CSV, PLAIN, AMBAR, PERROW);

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

	/** Per row is a stock contender, the typed CSV a product one; the others run in every scenario. */
	boolean appliesTo(Scenario scenario) {
		return switch (this) {
			case PERROW -> scenario.stock();
			case CSV -> !scenario.stock();
			default -> true;
		};
	}

	/**
	 * Whether {@code mode=cold} runs it as a process of its own: psql for the SQL ones, {@code java -jar} for
	 * Ambar.
	 */
	boolean runsCold() {
		return this == RAW || this == SMART || this == CSV || this == AMBAR || this == NESTED;
	}

	/** Whether it runs in {@code mode=cold} only: in one JVM the nested jar is the same as (c). */
	boolean coldOnly() {
		return this == NESTED;
	}

	/** Whether it runs once, whatever {@code repeat=}: the slow contenders, whose noise is small beside their time. */
	boolean runsOnce() {
		return this == PLAIN || this == PERROW;
	}

	/** One of Ambar's own jobs, as opposed to a reference. */
	boolean ambar() {
		return this == AMBAR || this == NESTED || this == OBSERVED || this == OBSERVED_ITEMS;
	}

}
