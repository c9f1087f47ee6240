package io.ambar.catalog;

import java.util.ArrayList;
import java.util.List;

import io.ambar.cache.CachedProduct;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query the read API runs is served by an index: EXPLAIN of each one, with its parameters bound, on a
 * catalogue of 50,000 analysed products, shows an index scan and no sequential scan.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductQueryPlanTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ProductListing listing;

	@BeforeAll
	void aCatalogueLargeEnoughForThePlannerToChoose() {
		this.jdbc.sql("TRUNCATE products").update();
		this.jdbc.sql("""
				INSERT INTO products (sku, name, brand, category, price, currency, active, stock_quantity, updated_at)
				SELECT 'SKU-' || lpad(n::text, 7, '0'), 'Product ' || n, 'Brand ' || (n % 50), 'Category ' || (n % 20),
				       (n % 100000) / 100.0, 'EUR', n % 20 <> 0, n % 50, now() - (n % 1000) * interval '1 hour'
				FROM generate_series(1, 50000) AS n""").update();
		this.jdbc.sql("ANALYZE products").update();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "limit=500", "cursor=SKU-0020000", "brand=Brand 7", "brand=Brand 7&cursor=SKU-0020000",
			"category=Category 3", "category=Category 3&cursor=SKU-0040000", "active=true", "active=false",
			"active=false&cursor=SKU-0049000", "brand=Brand 7&category=Category 7", "brand=Brand 7&active=false",
			"minPrice=999.90", "maxPrice=0.05", "minPrice=10&maxPrice=10.01", "updatedSince=2100-01-01T00:00:00Z",
			"updatedSince=2000-01-01T00:00:00Z&cursor=SKU-0010000", "brand=Brand 7&minPrice=999",
			"active=false&updatedSince=2100-01-01T00:00:00Z", "category=Category 3&maxPrice=1" })
	void everyPageQueryIsServedByAnIndex(String parameters) {
		// the cases name the cursor's SKU; the API takes it opaque
		String opaque = parameters.replaceAll("cursor=(SKU-[0-9]+)", "cursor=%s");
		String sku = parameters.replaceAll(".*cursor=(SKU-[0-9]+).*", "$1");
		ProductQuery query = ProductQuery.of(UriComponentsBuilder
			.fromUriString("/api/products?" + opaque.formatted(ProductCursor.after(sku)))
			.build()
			.getQueryParams());

		ProductListing.Statement window = ProductListing.window(query);
		if (window != null) {
			assertServedByAnIndex(window);
		}
		assertServedByAnIndex(this.listing.plan(query).page());
	}

	@org.junit.jupiter.api.Test
	void theCachesLoadBySkuIsServedByAnIndex() {
		assertServedByAnIndex(new ProductListing.Statement(
				"SELECT " + CachedProduct.COLUMNS + " FROM products p WHERE p.sku = ?", List.of("SKU-0000042")));
	}

	private void assertServedByAnIndex(ProductListing.Statement statement) {
		List<String> plan = new ArrayList<>(this.jdbc.sql("EXPLAIN " + statement.sql())
			.params(statement.parameters())
			.query(String.class)
			.list());
		assertThat(String.join("\n", plan)).as(statement.sql() + " " + statement.parameters())
			.doesNotContain("Seq Scan")
			.containsPattern("Index (Only )?Scan|Bitmap Index Scan");
	}

}
