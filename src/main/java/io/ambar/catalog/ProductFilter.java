package io.ambar.catalog;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.ambar.feed.FeedParameters;

/**
 * The filters of {@code GET /api/products}, a fixed whitelist. Each holds its SQL condition as constant text and
 * binds the client's value as a parameter: a value never becomes SQL text, and a name outside this list is refused.
 */
enum ProductFilter {

	BRAND("brand", "p.brand = ?", ProductFilter::text),

	CATEGORY("category", "p.category = ?", ProductFilter::text),

	/** Two constant conditions rather than a bound boolean, so that the partial indexes on active serve them. */
	ACTIVE("active", null, ProductFilter::bool),

	MIN_PRICE("minPrice", "p.price >= ?", ProductFilter::price),

	MAX_PRICE("maxPrice", "p.price <= ?", ProductFilter::price),

	UPDATED_SINCE("updatedSince", "p.updated_at >= ?", ProductFilter::instant);

	private static final Pattern PRICE = Pattern.compile("[0-9]{1,10}(\\.[0-9]{1,2})?");

	private final String parameter;

	private final String condition;

	private final Function<String, Object> parser;

	ProductFilter(String parameter, String condition, Function<String, Object> parser) {
		this.parameter = parameter;
		this.condition = condition;
		this.parser = parser;
	}

	String parameter() {
		return this.parameter;
	}

	/** The filter a query parameter names, if it names one. */
	static Optional<ProductFilter> named(String parameter) {
		return Arrays.stream(values()).filter(filter -> filter.parameter.equals(parameter)).findFirst();
	}

	/** The filter's names, for the error that refuses an unknown one. */
	static List<String> names() {
		return Arrays.stream(values()).map(ProductFilter::parameter).toList();
	}

	/**
	 * The value as the condition binds it.
	 * @throws IllegalArgumentException naming the filter and the expected form
	 */
	Object parse(String text) {
		return this.parser.apply(text);
	}

	/** The condition, constant text with at most one {@code ?}; see {@link #binds()}. */
	String condition(Object value) {
		if (this == ACTIVE) {
			return Boolean.TRUE.equals(value) ? "p.active" : "NOT p.active";
		}
		return this.condition;
	}

	/**
	 * Whether the filter is a range on a column left unindexed on purpose (price, updated_at: an index would cost
	 * every stock or price update its HOT write). A page with one scans a bounded window of the catalogue.
	 */
	boolean range() {
		return this == MIN_PRICE || this == MAX_PRICE || this == UPDATED_SINCE;
	}

	/** Whether {@link #condition} takes the value as a parameter. */
	boolean binds() {
		return this != ACTIVE;
	}

	private static Object text(String text) {
		if (text.isEmpty() || text.length() > 255 || text.chars().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("must be 1 to 255 characters, without control characters");
		}
		return text;
	}

	private static Object bool(String text) {
		return switch (text.toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw new IllegalArgumentException("must be true or false");
		};
	}

	private static Object price(String text) {
		if (!PRICE.matcher(text).matches()) {
			throw new IllegalArgumentException("must be a plain decimal such as 12.50");
		}
		return new BigDecimal(text);
	}

	private static Object instant(String text) {
		try {
			return Timestamp.from(FeedParameters.instantOf("updatedSince", text));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("must be an ISO-8601 instant with an offset, such as 2026-11-30T02:00:00Z");
		}
	}

}
