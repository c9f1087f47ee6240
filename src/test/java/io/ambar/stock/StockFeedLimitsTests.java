package io.ambar.stock;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What bounds a stock-update's work on a hostile or hopeless feed: the decompressed size of gzip, the length of a
 * line, and a reject ratio that cannot be met.
 */
@SpringBootTest(properties = { "ambar.feed.max-decompressed-size=1MB", "ambar.stock.load-chunk-size=1000" })
@SpringBatchTest
class StockFeedLimitsTests {

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Job stockUpdateJob;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	@BeforeEach
	void startClean() {
		this.jobs.setJob(this.stockUpdateJob);
		StockTestData.clean(this.jdbc, this.jobRepository);
		StockTestData.seedProducts(this.jdbc, 3);
	}

	@Test
	void failsAGzipFeedThatExpandsPastTheLimitAndAppliesNothing() throws Exception {
		// 24 MB of lines that compress to a few kilobytes
		Path bomb = this.dir.resolve("bomb.csv.gz");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
			out.write("sku,quantity\n".getBytes(StandardCharsets.UTF_8));
			byte[] line = (StockTestData.sku(1) + ",99\n").getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < 1_500_000; i++) {
				out.write(line);
			}
		}
		assertThat(Files.size(bomb)).isLessThan(100_000);

		JobExecution run = run(bomb);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(run)).contains("bomb.csv.gz line ")
			.contains("expands to more than 1,048,576 bytes uncompressed")
			.contains("ambar.feed.max-decompressed-size");
		assertThat(stock()).containsOnly(Map.entry(StockTestData.sku(1), 10), Map.entry(StockTestData.sku(2), 10),
				Map.entry(StockTestData.sku(3), 10));
	}

	@Test
	void rejectsALineLongerThanTheLimitKeepingItsStartInTheLedgerAndAppliesTheRest() throws Exception {
		String longLine = StockTestData.sku(1) + ",5," + "z".repeat(3 << 20);
		Path feed = Files.writeString(this.dir.resolve("stock.csv"), "sku,quantity,comment\n" + longLine + "\n"
				+ StockTestData.sku(2) + ",22,fine\n" + StockTestData.sku(3) + ",33,\"" + "c".repeat(5000) + "\"\n");

		JobExecution run = run(feed, "max-reject-ratio", "0.5");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stock()).containsEntry(StockTestData.sku(1), 10)
			.containsEntry(StockTestData.sku(2), 22)
			.containsEntry(StockTestData.sku(3), 33);
		String raw = this.jdbc.sql("SELECT raw FROM feed_reject WHERE line_no = 2 AND reason = 'LINE_TOO_LONG'")
			.query(String.class)
			.single();
		assertThat(raw).hasSizeLessThanOrEqualTo(4096)
			.startsWith(longLine.substring(0, 4000))
			.endsWith("… [cut: 3,145,742 bytes in all]");
	}

	@Test
	void keepsOnlyTheStartOfALongLineWhoseSkuIsUnknown() throws Exception {
		String line = "NO-SUCH-SKU,5,\"" + "c".repeat(10_000) + "\"";
		Path feed = Files.writeString(this.dir.resolve("stock.csv"),
				"sku,quantity,comment\n" + line + "\n" + StockTestData.sku(2) + ",22,fine\n");

		run(feed, "max-reject-ratio", "0.5");

		String raw = this.jdbc.sql("SELECT raw FROM feed_reject WHERE reason = 'UNKNOWN_SKU'").query(String.class).single();
		assertThat(raw).startsWith(line.substring(0, 4000)).endsWith("… [cut: 10,016 bytes in all]");
	}

	@Test
	void failsAHopelessFeedEarlyWithFarFewerRejectsWrittenThanItsLines() throws Exception {
		Path feed = feed(50_000, 50_000);

		JobExecution run = run(feed);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failedStep(run)).isEqualTo("load");
		assertThat(failure(run)).contains("stock.csv: ")
			.contains(" lines rejected, more than max-reject-ratio 0.05 of even ")
			.contains("nothing applied");
		assertThat(rejectsWritten()).isPositive().isLessThan(10_000);
		assertThat(stock()).containsEntry(StockTestData.sku(1), 10);
	}

	@Test
	void failsAHopelessGzipFeedEarlyToo() throws Exception {
		// a comment that does not compress: well over the inflater's read-ahead, which the estimate allows for
		Random random = new Random(42);
		Path feed = this.dir.resolve("stock.csv.gz");
		try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(feed)), StandardCharsets.UTF_8)) {
			out.write("sku,quantity,comment\n");
			for (int i = 0; i < 50_000; i++) {
				out.write(StockTestData.sku(1) + ",lots," + Long.toHexString(random.nextLong()) + "\n");
			}
		}

		JobExecution run = run(feed);

		assertThat(failedStep(run)).isEqualTo("load");
		assertThat(failure(run)).contains("nothing applied");
		assertThat(rejectsWritten()).isLessThan(25_000);
	}

	@Test
	void completesAFeedJustUnderTheRatioEvenWithAllItsRejectsFirst() throws Exception {
		// 4.9% rejected, all of them in the first lines
		JobExecution run = run(feed(50_000, 2_450));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(rejectsWritten()).isEqualTo(2_450);
	}

	/** For @SpringBatchTest's scope listeners, which otherwise take any method returning a JobExecution. */
	JobExecution getJobExecution() {
		return MetaDataInstanceFactory.createJobExecution();
	}

	private JobExecution run(Path file, String... parameters) throws Exception {
		JobParametersBuilder builder = new JobParametersBuilder().addString("file", file.toString())
			.addLong("run.id", System.nanoTime());
		for (int i = 0; i < parameters.length; i += 2) {
			builder.addString(parameters[i], parameters[i + 1], false);
		}
		return this.jobs.startJob(builder.toJobParameters());
	}

	/** A stock feed of the given number of lines, the first ones with a quantity that is not a number. */
	private Path feed(int lines, int bad) throws IOException {
		StringBuilder csv = new StringBuilder("sku,quantity\n");
		for (int i = 0; i < lines; i++) {
			csv.append(StockTestData.sku(1 + i % 3)).append(',').append((i < bad) ? "lots" : Integer.toString(i % 50)).append('\n');
		}
		return Files.writeString(this.dir.resolve("stock.csv"), csv, StandardCharsets.UTF_8);
	}

	private long rejectsWritten() {
		return this.jdbc.sql("SELECT count(*) FROM feed_reject").query(Long.class).single();
	}

	private static String failedStep(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStatus() == BatchStatus.FAILED)
			.map(step -> step.getStepName())
			.findFirst()
			.orElse("none");
	}

	private Map<String, Integer> stock() {
		Map<String, Integer> stock = new java.util.HashMap<>();
		this.jdbc.sql("SELECT sku, stock_quantity FROM products")
			.query((rs, n) -> stock.put(rs.getString(1), rs.getInt(2)))
			.list();
		return stock;
	}

	private static String failure(JobExecution execution) {
		StringBuilder messages = new StringBuilder();
		for (Throwable failure : execution.getAllFailureExceptions()) {
			for (Throwable t = failure; t != null; t = t.getCause()) {
				messages.append(t.getMessage()).append('\n');
			}
		}
		return messages.toString();
	}

}
