package io.ambar.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ambar.cache.CachedProduct;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pages of products in SKU order, by keyset: a page starts after the last SKU of the one before, so page 10,000
 * costs what page 1 costs, and rows inserted or deleted meanwhile neither repeat nor hide others.
 * <p>
 * Every query is served by an index. The SKU and the equality filters (brand, category, active) have indexes that
 * return their rows in SKU order (products_sku_key and V8's), so such a page reads about {@code limit} rows. The
 * range filters (price, updated_at) have none: those columns change with every stock or price update, which an
 * index would take off PostgreSQL's HOT path. A page with a range filter therefore looks at a window of at most
 * {@link #WINDOW} rows of that SKU order and keeps those that match: it may hold fewer items than {@code limit},
 * even none, and its cursor then continues after the window. Each request stays bounded however rare the matches.
 */
@Component
class ProductListing {

	/** Rows a page with a range filter looks at, at most. */
	static final int WINDOW = 10_000;

	private final JdbcClient jdbc;

	ProductListing(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A page of at most {@code limit} products, and a cursor when more may follow. */
	ProductPage page(ProductQuery query) {
		Plan plan = plan(query);
		Statement page = plan.page();
		List<CachedProduct> rows = this.jdbc.sql(page.sql()).params(page.parameters()).query(CachedProduct.ROW_MAPPER).list();
		boolean more = rows.size() > query.limit();
		List<CachedProduct> items = more ? rows.subList(0, query.limit()) : rows;
		String next = more ? items.get(items.size() - 1).sku() : plan.windowEnd();
		return new ProductPage(items.stream().map(ProductResponse::of).toList(),
				(next != null) ? ProductCursor.after(next) : null);
	}

	/**
	 * The page's query; for a query with a range filter, first finds where its window ends (the window's last SKU
	 * when the window is full; null when it reaches the end of the catalogue).
	 */
	Plan plan(ProductQuery query) {
		Statement window = window(query);
		if (window == null) {
			return new Plan(page(query, null), null);
		}
		String windowEnd = this.jdbc.sql(window.sql())
			.params(window.parameters())
			.query((rs, n) -> Optional.ofNullable((rs.getInt(2) == WINDOW) ? rs.getString(1) : null))
			.single()
			.orElse(null);
		return new Plan(page(query, windowEnd), windowEnd);
	}

	/** The page query, and where its window ends (null: no window, or it reaches the end). */
	record Plan(Statement page, @Nullable String windowEnd) {
	}

	/** SQL made of constant text only (the filters' conditions), and the values it binds. */
	record Statement(String sql, List<Object> parameters) {
	}

	/**
	 * The page query: the cursor, the filters, at most the window's last SKU, one more row than asked (to know
	 * whether more follow).
	 */
	static Statement page(ProductQuery query, @Nullable String windowEnd) {
		List<Object> parameters = new ArrayList<>();
		List<String> conditions = conditions(query, parameters, true);
		if (windowEnd != null) {
			conditions.add("p.sku <= ?");
			parameters.add(windowEnd);
		}
		parameters.add(query.limit() + 1);
		return new Statement("SELECT " + CachedProduct.COLUMNS + " FROM products p" + where(conditions)
				+ " ORDER BY p.sku LIMIT ?", parameters);
	}

	/**
	 * For a query with a range filter, the query of the window: the last SKU and the count of the next
	 * {@link #WINDOW} rows after the cursor that the other filters let through; null without a range filter.
	 */
	static @Nullable Statement window(ProductQuery query) {
		if (query.filters().keySet().stream().noneMatch(ProductFilter::range)) {
			return null;
		}
		List<Object> parameters = new ArrayList<>();
		List<String> conditions = conditions(query, parameters, false);
		parameters.add(WINDOW);
		return new Statement("SELECT max(w.sku), count(*) FROM (SELECT p.sku FROM products p" + where(conditions)
				+ " ORDER BY p.sku LIMIT ?) w", parameters);
	}

	private static List<String> conditions(ProductQuery query, List<Object> parameters, boolean ranges) {
		List<String> conditions = new ArrayList<>();
		if (query.after() != null) {
			conditions.add("p.sku > ?");
			parameters.add(query.after());
		}
		for (Map.Entry<ProductFilter, Object> filter : query.filters().entrySet()) {
			if (ranges || !filter.getKey().range()) {
				conditions.add(filter.getKey().condition(filter.getValue()));
				if (filter.getKey().binds()) {
					parameters.add(filter.getValue());
				}
			}
		}
		return conditions;
	}

	private static String where(List<String> conditions) {
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

}
