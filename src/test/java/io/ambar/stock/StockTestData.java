package io.ambar.stock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ambar.feed.FeedParameters;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The catalogue and stock feeds of stock-update tests, and the clean slate each test starts from: test classes
 * share one database.
 */
public final class StockTestData {

	private StockTestData() {
	}

	/** Removes products, ledgers, process records, staging tables and every job execution. */
	public static void clean(JdbcClient jdbc, JobRepository jobRepository) {
		new JobRepositoryTestUtils(jobRepository).removeJobExecutions();
		jdbc.sql("TRUNCATE products, feed_reject, feed_application, execution_owner").update();
		jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'stage\\_%'")
			.query(String.class)
			.list()
			.forEach(table -> jdbc.sql("DROP TABLE " + table).update());
	}

	/** Products {@code SKU-0000001} to {@code SKU-<count>}, each with a stock of 10. */
	public static void seedProducts(JdbcClient jdbc, int count) {
		jdbc.sql("""
				INSERT INTO products (sku, name, price, currency, stock_quantity)
				SELECT 'SKU-' || lpad(n::text, 7, '0'), 'Product ' || n, 9.99, 'EUR', 10
				FROM generate_series(1, ?) AS n""")
			.param(count)
			.update();
	}

	public static String sku(int n) {
		return String.format(java.util.Locale.ROOT, "SKU-%07d", n);
	}

	/** Writes the lines as a feed in the directory and runs stock-update on it, a new job instance, to its end. */
	public static JobExecution run(JobOperator jobOperator, Job stockUpdateJob, Path dir, List<String> lines)
			throws Exception {
		Path feed = writeFeed(dir.resolve("stock-" + System.nanoTime() + ".csv"), lines);
		return jobOperator.start(stockUpdateJob, new JobParametersBuilder().addString(FeedParameters.FILE, feed.toString())
			.addLong(FeedParameters.RUN_ID, System.nanoTime())
			.toJobParameters());
	}

	/** Writes a CSV stock feed: the header {@code sku,quantity}, then the lines. */
	public static Path writeFeed(Path file, List<String> lines) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("sku,quantity\n");
			for (String line : lines) {
				out.write(line);
				out.write('\n');
			}
		}
		return file;
	}

}
