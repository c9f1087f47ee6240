package io.ambar.catalog;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The product read API over real HTTP, L1 cache only (no Redis configured). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class ProductApiTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ApiClient api;

	@BeforeEach
	void catalogue() {
		this.api = new ApiClient(this.port);
		this.jdbc.sql("TRUNCATE products").update();
	}

	@Test
	void servesAProductWithItsFieldsAndAWeakETagFromItsVersion() {
		product("A-1", "Acme", "Tools", "12.5");

		HttpResponse<byte[]> response = this.api.get("/api/products/A-1");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("ETag")).contains("W/\"1\"");
		JsonNode product = ApiClient.json(response);
		assertThat(product.get("sku").asString()).isEqualTo("A-1");
		assertThat(product.get("price").asString()).isEqualTo("12.50");
		assertThat(product.get("attributes").get("colour").asString()).isEqualTo("black");
		assertThat(product.get("stock").asInt()).isEqualTo(7);
		assertThat(product.get("version").asLong()).isEqualTo(1);
		assertThat(product.get("active").asBoolean()).isTrue();
		assertThat(product.get("updatedAt").asString()).endsWith("Z");
		assertThat(product.properties()).extracting(java.util.Map.Entry::getKey)
			.containsExactly("sku", "name", "description", "brand", "category", "price", "currency", "attributes",
					"active", "stock", "version", "updatedAt");
	}

	@Test
	void answers304WhenIfNoneMatchHoldsTheCurrentETag() {
		product("A-1", "Acme", "Tools", "1");

		HttpResponse<byte[]> same = this.api.get("/api/products/A-1", "If-None-Match", "W/\"1\"");
		HttpResponse<byte[]> older = this.api.get("/api/products/A-1", "If-None-Match", "W/\"0\"");

		assertThat(same.statusCode()).isEqualTo(304);
		assertThat(same.body()).isEmpty();
		assertThat(older.statusCode()).isEqualTo(200);
	}

	@Test
	void aProductMayBeKeptButIsRevalidatedAndCarriesTheSecurityHeadersWithoutASession() {
		product("A-1", "Acme", "Tools", "1");

		HttpResponse<byte[]> response = this.api.get("/api/products/A-1");

		// no-store (Spring Security's default) would make the ETag useless to a browser
		assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-cache");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void anUnknownSkuIsA404ProblemDetail() {
		HttpResponse<byte[]> response = this.api.get("/api/products/NOPE");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		JsonNode problem = ApiClient.json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(404);
		assertThat(problem.get("detail").asString()).isEqualTo("no product with SKU NOPE");
	}

	@Test
	void pagesByKeysetWithoutRepeatsOrGapsWhileRowsAreInsertedAndDeleted() {
		// every product has the same brand and category: ties on every filtered column
		for (int i = 10; i < 40; i += 2) {
			product("S-" + i, "Acme", "Tools", "5");
		}
		Set<String> seen = new LinkedHashSet<>();
		List<String> pages = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = ApiClient.json(this.api.get("/api/products?brand=Acme&category=Tools&limit=4"
					+ ((cursor != null) ? "&cursor=" + cursor : "")));
			page.get("items").forEach(item -> assertThat(seen.add(item.get("sku").asString())).as("seen once").isTrue());
			pages.add(page.get("items").toString());
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
			if (pages.size() == 2) {
				// after S-24: one insert behind the cursor, one ahead; one deletion ahead
				product("S-11", "Acme", "Tools", "5");
				product("S-35", "Acme", "Tools", "5");
				this.jdbc.sql("DELETE FROM products WHERE sku = 'S-30'").update();
			}
		}
		while (cursor != null);

		assertThat(seen).containsExactly("S-10", "S-12", "S-14", "S-16", "S-18", "S-20", "S-22", "S-24", "S-26",
				"S-28", "S-32", "S-34", "S-35", "S-36", "S-38");
	}

	@Test
	void pagesHold50ProductsByDefaultAndAtMost500() {
		for (int i = 0; i < 60; i++) {
			product(String.format("B-%03d", i), "Acme", "Tools", "1");
		}

		assertThat(ApiClient.json(this.api.get("/api/products")).get("items")).hasSize(50);
		assertThat(ApiClient.json(this.api.get("/api/products?limit=500")).get("items")).hasSize(60);
		assertThat(this.api.get("/api/products?limit=501").statusCode()).isEqualTo(400);
		assertThat(this.api.get("/api/products?limit=0").statusCode()).isEqualTo(400);
		assertThat(ApiClient.json(this.api.get("/api/products?limit=60")).get("nextCursor").isNull()).isTrue();
	}

	@Test
	void filtersByEachWhitelistedField() {
		product("F-1", "Acme", "Tools", "5.00");
		product("F-2", "Bolt", "Tools", "15.00");
		product("F-3", "Acme", "Garden", "25.00");
		this.jdbc.sql("UPDATE products SET active = false WHERE sku = 'F-3'").update();
		this.jdbc.sql("UPDATE products SET updated_at = '2020-01-01T00:00:00Z' WHERE sku = 'F-1'").update();

		assertThat(skus("brand=Acme")).containsExactly("F-1", "F-3");
		assertThat(skus("category=Tools")).containsExactly("F-1", "F-2");
		assertThat(skus("active=false")).containsExactly("F-3");
		assertThat(skus("active=true&brand=Acme")).containsExactly("F-1");
		assertThat(skus("minPrice=10")).containsExactly("F-2", "F-3");
		assertThat(skus("maxPrice=15.00&minPrice=5.01")).containsExactly("F-2");
		assertThat(skus("updatedSince=2021-01-01T00:00:00Z")).containsExactly("F-2", "F-3");
	}

	@Test
	void aSparseRangeFilterPagesThroughBoundedWindowsUntilItsMatches() {
		this.jdbc.sql("""
				INSERT INTO products (sku, name, price, currency)
				SELECT 'W-' || lpad(n::text, 5, '0'), 'Washer', CASE WHEN n = 24000 THEN 99 ELSE 1 END, 'EUR'
				FROM generate_series(1, 25000) AS n""").update();

		List<Integer> itemsPerPage = new ArrayList<>();
		List<String> found = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = ApiClient.json(this.api.get("/api/products?minPrice=50" + ((cursor != null) ? "&cursor=" + cursor : "")));
			itemsPerPage.add(page.get("items").size());
			page.get("items").forEach(item -> found.add(item.get("sku").asString()));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
		}
		while (cursor != null);

		assertThat(found).containsExactly("W-24000");
		// windows of 10,000 rows: two empty pages, then the rest of the catalogue
		assertThat(itemsPerPage).containsExactly(0, 0, 1);
	}

	@Test
	void refusesAnUnknownOrRepeatedParameterListingTheAllowedOnes() {
		HttpResponse<byte[]> unknown = this.api.get("/api/products?colour=red");
		HttpResponse<byte[]> repeated = this.api.get("/api/products?brand=a&brand=b");

		assertThat(unknown.statusCode()).isEqualTo(400);
		JsonNode problem = ApiClient.json(unknown);
		assertThat(problem.get("detail").asString()).startsWith("unknown parameter 'colour'; allowed: limit, cursor, brand");
		assertThat(problem.get("allowed").toString())
			.isEqualTo("[\"limit\",\"cursor\",\"brand\",\"category\",\"active\",\"minPrice\",\"maxPrice\",\"updatedSince\"]");
		assertThat(repeated.statusCode()).isEqualTo(400);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "brand|Acme' OR '1'='1|200", "category|x'; DROP TABLE products; --|200",
			"active|true OR 1=1|400", "minPrice|0 OR 1=1|400", "maxPrice|1); DELETE FROM products; --|400",
			"updatedSince|2020-01-01' OR '1'='1|400", "cursor|JyBPUiAnMSc9JzE|400", "limit|1; DROP TABLE products|400" })
	void anInjectionAttemptInAnyParameterIsABoundValueOrA400(String parameter, String value, int status) {
		product("I-1", "Acme", "Tools", "1");
		product("I-2", "Bolt", "Tools", "2");

		HttpResponse<byte[]> response = this.api.get("/api/products?" + parameter + "=" + ApiClient.encode(value));

		assertThat(response.statusCode()).isEqualTo(status);
		if (status == 200) {
			assertThat(ApiClient.json(response).get("items")).isEmpty();
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM products").query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void gzipsResponsesOver1KbForClientsThatAcceptIt() {
		for (int i = 0; i < 20; i++) {
			product("G-" + i, "Acme", "Tools", "1");
		}

		HttpResponse<byte[]> page = this.api.get("/api/products", "Accept-Encoding", "gzip");
		HttpResponse<byte[]> plain = this.api.get("/api/products");
		HttpResponse<byte[]> small = this.api.get("/api/products/G-1", "Accept-Encoding", "gzip");

		assertThat(page.headers().firstValue("Content-Encoding")).contains("gzip");
		assertThat(ApiClient.json(page).get("items")).hasSize(20);
		assertThat(page.body().length).isLessThan(plain.body().length / 3);
		assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(small.body().length).isLessThan(1024);
		assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
	}

	private List<String> skus(String query) {
		HttpResponse<byte[]> response = this.api.get("/api/products?" + query);
		assertThat(response.statusCode()).as(query).isEqualTo(200);
		List<String> skus = new ArrayList<>();
		ApiClient.json(response).get("items").forEach(item -> skus.add(item.get("sku").asString()));
		return skus;
	}

	private void product(String sku, String brand, String category, String price) {
		this.jdbc.sql("""
				INSERT INTO products (sku, name, description, brand, category, price, currency, attributes, stock_quantity)
				VALUES (?, 'Anvil', 'A heavy anvil for the workshop', ?, ?, ?::numeric, 'EUR', '{"colour":"black"}', 7)""")
			.params(sku, brand, category, price)
			.update();
	}

}
