package io.ambar.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class DemoCommandTests {

	@Autowired
	DemoCommand demo;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void emptyCatalogue() {
		this.jdbc.sql("TRUNCATE products, feed_reject, feed_application").update();
	}

	@Test
	void loadsTheCatalogueAppliesTheStockFeedAndPointsToTheRejects() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		int exitCode = this.demo.run(List.of("products=3000"), new PrintStream(bytes, true, StandardCharsets.UTF_8));

		String out = bytes.toString(StandardCharsets.UTF_8);
		assertThat(exitCode).as(out).isZero();
		assertThat(out).contains("product-sync execution").contains("stock-update execution").contains("COMPLETED");
		assertThat(out).contains("INVALID_QUANTITY").contains("UNKNOWN_SKU").contains("MISSING_SKU");
		assertThat(out).containsPattern("rejects \\d+");
		assertThat(this.jdbc.sql("SELECT count(*) FROM products").query(Long.class).single()).isEqualTo(3000);
		// 3 bad lines of each kind (one per 1,000 products), none applied
		assertThat(this.jdbc.sql("SELECT count(*) FROM feed_reject").query(Long.class).single()).isEqualTo(12);
	}

	@Test
	void aSecondDemoSkipsTheCatalogueItAppliedBefore() {
		ByteArrayOutputStream first = new ByteArrayOutputStream();
		assertThat(this.demo.run(List.of("products=1000"), new PrintStream(first, true, StandardCharsets.UTF_8)))
			.isZero();
		assertThat(first.toString(StandardCharsets.UTF_8)).contains("product-sync execution")
			.doesNotContain("ALREADY_APPLIED");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		int exitCode = this.demo.run(List.of("products=1000"), new PrintStream(bytes, true, StandardCharsets.UTF_8));

		assertThat(exitCode).isZero();
		String second = bytes.toString(StandardCharsets.UTF_8);
		assertThat(second).contains("product-sync execution").contains("COMPLETED (ALREADY_APPLIED)")
			.contains("same content as the last feed applied");
		// the stock feed is new each time: applied again
		assertThat(second.substring(second.indexOf("stock-update execution"))).doesNotContain("ALREADY_APPLIED");
		assertThat(this.jdbc.sql("SELECT count(*) FROM products").query(Long.class).single()).isEqualTo(1000);
	}

}
