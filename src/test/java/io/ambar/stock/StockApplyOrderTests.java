package io.ambar.stock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ambar.feed.FeedParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The apply step takes the changed rows in the apply order (stripe, then SKU), so that a feed changing every
 * product of a catalogue that lies in SKU order updates each row in place (HOT) instead of moving most of them to
 * new pages with new entries in every index. Small chunks and one range here, so that a few pages of products make
 * many chunks; in SKU ranges each chunk would hold 20 rows of one page, more than its free space takes.
 */
@SpringBootTest(properties = { "ambar.stock.apply-chunk-size=20", "ambar.stock.apply-partitions=1" })
class StockApplyOrderTests {

	private static final int PRODUCTS = 3000;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job stockUpdateJob;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	@BeforeEach
	void catalogueInSkuOrder() {
		StockTestData.clean(this.jdbc, this.jobRepository);
		StockTestData.seedProducts(this.jdbc, PRODUCTS);
	}

	@Test
	void aFeedChangingEveryProductLeavesEachRowOnItsPage() throws Exception {
		Map<String, Integer> pagesBefore = pages();
		assertThat(pagesBefore.values().stream().distinct().count()).as("pages of the catalogue").isGreaterThan(10);
		List<String> lines = new ArrayList<>();
		for (int n = PRODUCTS; n >= 1; n--) {
			lines.add(StockTestData.sku(n) + "," + (n % 50));
		}

		JobExecution run = this.jobOperator.start(this.stockUpdateJob, new JobParametersBuilder()
			.addString(FeedParameters.FILE, StockTestData.writeFeed(this.dir.resolve("all.csv"), lines).toString())
			.addLong(FeedParameters.RUN_ID, System.nanoTime())
			.toJobParameters());

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT count(*) FROM products WHERE stock_quantity = right(sku, 4)::int % 50")
			.query(Long.class)
			.single()).isEqualTo(PRODUCTS);
		Map<String, Integer> pagesAfter = pages();
		assertThat(pagesBefore.keySet().stream().filter(sku -> !pagesBefore.get(sku).equals(pagesAfter.get(sku))).count())
			.as("products moved to another page").isZero();
	}

	/** Each product's heap page: a row updated in place stays on it, a row that did not fit there moves. */
	private Map<String, Integer> pages() {
		Map<String, Integer> pages = new HashMap<>();
		this.jdbc.sql("SELECT sku, ((ctid::text::point)[0])::int FROM products")
			.query(rs -> {
				pages.put(rs.getString(1), rs.getInt(2));
			});
		return pages;
	}

}
