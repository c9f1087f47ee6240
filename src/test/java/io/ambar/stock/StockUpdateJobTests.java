package io.ambar.stock;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.ambar.feed.FeedSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "ambar.stock.load-chunk-size=3", "ambar.stock.apply-chunk-size=2" })
@SpringBatchTest
class StockUpdateJobTests {

	static long runIds = System.nanoTime();

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	JobRepositoryTestUtils repository;

	@Autowired
	Job stockUpdateJob;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	@BeforeEach
	void cleanCatalogueAndJobs() {
		this.jobs.setJob(this.stockUpdateJob);
		this.repository.removeJobExecutions();
		this.jdbc.sql("TRUNCATE products, feed_reject, feed_application, execution_owner").update();
		catalogue("A-1", 10, "A-2", 20, "A-3", 30, "a-1", 40);
	}

	@Test
	void appliesAbsoluteQuantitiesAndSkipsUnchangedRows() throws Exception {
		Timestamp before = updatedAt("A-2");
		JobExecution run = run(feed("sku,quantity\nA-1,11\nA-2,20\nA-3,0\n"));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stock()).containsEntry("A-1", 11).containsEntry("A-2", 20).containsEntry("A-3", 0).containsEntry("a-1", 40);
		assertThat(updatedAt("A-2")).isEqualTo(before);
		assertThat(FeedSummary.of(run).counts()).containsEntry("read", 3L)
			.containsEntry("applied", 2L)
			.containsEntry("unchanged", 1L)
			.containsEntry("superseded", 0L)
			.containsEntry("rejected", 0L);
	}

	@Test
	void lastOccurrenceOfASkuWinsAndEarlierOnesCountAsSuperseded() throws Exception {
		JobExecution run = run(feed("sku,quantity\nA-1,1\nA-2,2\nA-1,3\nA-3,4\nA-1,5\n"));

		assertThat(stock()).containsEntry("A-1", 5).containsEntry("A-2", 2).containsEntry("A-3", 4);
		assertThat(FeedSummary.of(run).counts()).containsEntry("superseded", 2L).containsEntry("applied", 3L);
	}

	@Test
	void readsColumnsInAnyOrderAndCaseKeepingSkuCaseAndTrimmingWhiteSpace() throws Exception {
		run(feed("Warehouse,QUANTITY,Sku\nW1, 7 ,  a-1 \n"));

		assertThat(stock()).containsEntry("a-1", 7).containsEntry("A-1", 10);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-5", "12.7", "1e3", "1.000", "+5", "NaN", "１２", "", "2147483648", "1,000", "0x10", "5 5" })
	void rejectsQuantitiesThatAreNotPlainNonNegative32BitIntegers(String quantity) throws Exception {
		JobExecution run = run(feed("sku,quantity\nA-1,\"" + quantity + "\"\nA-2,21\n"), "max-reject-ratio", "1");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(rejects()).containsExactly("2:INVALID_QUANTITY:A-1");
		assertThat(stock()).containsEntry("A-1", 10).containsEntry("A-2", 21);
	}

	@Test
	void acceptsTheLargest32BitQuantityAndLeadingZeros() throws Exception {
		run(feed("sku,quantity\nA-1,2147483647\nA-2,007\n"));

		assertThat(stock()).containsEntry("A-1", Integer.MAX_VALUE).containsEntry("A-2", 7);
	}

	@Test
	void rejectsBadSkusAndUnknownSkusWithLineAndReasonWhileTheRestApplies() throws Exception {
		String tooLong = "S".repeat(65);
		JobExecution run = run(feed("sku,quantity\n,1\n   ,2\n" + tooLong + ",3\n\"A\u0001B\",4\nNOPE,5\nA-1,6,extra\nA-2,22\n"),
				"max-reject-ratio", "0.9");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(rejects()).containsExactly("2:MISSING_SKU:null", "3:MISSING_SKU:null", "4:INVALID_SKU:" + tooLong,
				"5:INVALID_SKU:A\u0001B", "6:UNKNOWN_SKU:NOPE", "7:WRONG_COLUMN_COUNT:null");
		assertThat(stock()).containsEntry("A-2", 22).containsEntry("A-1", 10);
		assertThat(FeedSummary.of(run).counts()).containsEntry("read", 7L)
			.containsEntry("rejected", 6L)
			.containsEntry("rejected.UNKNOWN_SKU", 1L)
			.containsEntry("rejected.MISSING_SKU", 2L);
		assertThat(this.jdbc.sql("SELECT raw FROM feed_reject WHERE line_no = 6").query(String.class).single())
			.isEqualTo("NOPE,5");
	}

	@Test
	void failsTheWholeFeedWhenRejectsExceedTheRatioAndAppliesNothing() throws Exception {
		JobExecution run = run(feed("sku,quantity\nA-1,1\nA-2,x\nA-3,3\n"), "max-reject-ratio", "0.3");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(run)).contains("feed.csv").contains("1 of 3 lines rejected").contains("max-reject-ratio 0.3");
		assertNothingApplied();
		assertThat(rejects()).containsExactly("3:INVALID_QUANTITY:A-2");
	}

	@Test
	void defaultRejectRatioIsFivePercent() throws Exception {
		StringBuilder feed = new StringBuilder("sku,quantity\n");
		for (int i = 0; i < 19; i++) {
			feed.append("A-1,").append(i).append('\n');
		}
		assertThat(run(feed(feed + "A-2,bad\n")).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(run(feed(feed + "A-2,bad\nA-3,bad\n")).getStatus()).isEqualTo(BatchStatus.FAILED);
	}

	@Test
	void failsOnMissingRequiredColumnNamingTheFile() throws Exception {
		JobExecution run = run(feed("sku,qty\nA-1,1\n"));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(run)).contains("feed.csv").contains("quantity");
		assertNothingApplied();
	}

	@Test
	void failsOnAnEmptyFileAndOnAHeaderWithoutRowsUnlessAllowed() throws Exception {
		assertThat(failure(run(feed("")))).contains("header");
		assertThat(failure(run(feed("sku,quantity\n")))).contains("no data rows");
		JobExecution allowed = run(feed("sku,quantity\r\n"), "allow-empty", "true");
		assertThat(allowed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(FeedSummary.of(allowed).get("read")).isZero();
	}

	@Test
	void failsOnInvalidUtf8WithTheLineAndAppliesNothing() throws Exception {
		Path file = this.dir.resolve("feed.csv");
		Files.write(file, new byte[] { 's', 'k', 'u', ',', 'q', 'u', 'a', 'n', 't', 'i', 't', 'y', '\n', 'A', '-', '1', ',', '1',
				'\n', 'A', '-', (byte) 0xC3, '(', ',', '2', '\n' });

		JobExecution run = run(file);

		assertThat(failure(run)).contains("feed.csv line 3").containsIgnoringCase("UTF-8");
		assertNothingApplied();
	}

	@Test
	void failsOnAnUnterminatedQuoteAndAppliesNothing() throws Exception {
		JobExecution run = run(feed("sku,quantity\nA-1,1\n\"A-2,2\nA-3,3\n"));

		assertThat(failure(run)).contains("feed.csv line 3").contains("unterminated");
		assertNothingApplied();
	}

	@Test
	void readsGzippedFeedsAndFailsOnCorruptOnes() throws Exception {
		Path gz = gzip("feed.csv.gz", "sku,quantity\nA-1,99\n");
		assertThat(run(gz).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stock()).containsEntry("A-1", 99);

		byte[] bytes = Files.readAllBytes(gzip("big.csv.gz", "sku,quantity\n" + "A-2,5\n".repeat(10_000)));
		Path corrupt = Files.write(this.dir.resolve("corrupt.csv.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
		JobExecution broken = run(corrupt);
		assertThat(failure(broken)).contains("corrupt.csv.gz").containsIgnoringCase("gzip");
		assertThat(stock()).containsEntry("A-2", 20);
	}

	@Test
	void readsJsonLinesAndRejectsMalformedOnes() throws Exception {
		Path jsonl = Files.writeString(this.dir.resolve("feed.jsonl"),
				"{\"sku\":\"A-1\",\"quantity\":12}\n{\"sku\":\"A-2\",\"quantity\":1e3}\n{broken\n{\"sku\":\"A-3\",\"quantity\":\"31\"}\n");

		JobExecution run = run(jsonl, "max-reject-ratio", "0.5");

		assertThat(rejects()).containsExactly("2:INVALID_QUANTITY:A-2", "3:MALFORMED_JSON:null");
		assertThat(stock()).containsEntry("A-1", 12).containsEntry("A-2", 20).containsEntry("A-3", 31);
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void readsJsonLinesSkusAsStringsOrIntegersAndQuantitiesAsNumbersOrStrings() throws Exception {
		catalogue("12345", 0);
		Path jsonl = Files.writeString(this.dir.resolve("feed.jsonl"), """
				{"sku":{"a":1},"quantity":1}
				{"sku":"A-1","quantity":true}
				{"sku":"A-2","quantity":[5]}
				{"sku":"A-3","quantity":"33"}
				{"sku":12345,"quantity":7}
				{"sku":"a-1","quantity":12.0}
				""");

		JobExecution run = run(jsonl, "max-reject-ratio", "1");

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(rejects()).containsExactly("1:WRONG_TYPE:null", "2:WRONG_TYPE:A-1", "3:WRONG_TYPE:A-2",
				"6:INVALID_QUANTITY:a-1");
		assertThat(this.jdbc.sql("SELECT detail FROM feed_reject WHERE line_no = 2").query(String.class).single())
			.isEqualTo("quantity must be a number or a string, got a boolean");
		assertThat(stock()).containsEntry("A-1", 10).containsEntry("A-3", 33).containsEntry("12345", 7);
	}

	@Test
	void aSecondRunOfTheSameContentIsANoOpUnlessForced() throws Exception {
		Path file = feed("sku,quantity\nA-1,11\n");
		JobExecution first = run(file);
		this.jdbc.sql("UPDATE products SET stock_quantity = 1 WHERE sku = 'A-1'").update();

		JobExecution second = run(file);

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getExitStatus().getExitCode()).isEqualTo("ALREADY_APPLIED");
		assertThat(second.getExecutionContext().get("feed.already-applied-by")).isEqualTo(first.getId());
		assertThat(stock()).containsEntry("A-1", 1);

		JobExecution forced = run(file, "force", "true");
		assertThat(forced.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
		assertThat(stock()).containsEntry("A-1", 11);
	}

	@Test
	void restartAfterAFailureMidApplyFinishesTheFeedExactlyOnce() throws Exception {
		for (int i = 0; i < 20; i++) {
			catalogue(String.format("R-%02d", i), 0);
		}
		StringBuilder feed = new StringBuilder("sku,quantity\n");
		for (int i = 19; i >= 0; i--) {
			feed.append(String.format("R-%02d,%d%n", i, i + 100));
		}
		feed.append("R-bad,x\n");
		Path file = feed(feed.toString());
		// the database refuses R-13 once: the apply step fails after committing the chunks before it
		this.jdbc.sql("""
				CREATE OR REPLACE FUNCTION refuse_r13() RETURNS trigger AS $$
				BEGIN IF NEW.sku = 'R-13' THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql""")
			.update();
		this.jdbc.sql("CREATE TRIGGER refuse_r13 BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION refuse_r13()").update();
		JobExecution failed;
		try {
			failed = run(file, "max-reject-ratio", "0.1");
		}
		finally {
			this.jdbc.sql("DROP TRIGGER refuse_r13 ON products").update();
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(failed)).contains("disk on fire");
		assertThat(stockOf("R-00")).isEqualTo(100);
		assertThat(stockOf("R-19")).isZero();

		JobExecution restarted = this.jobs.getJobOperator().restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		for (int i = 0; i < 20; i++) {
			assertThat(stockOf(String.format("R-%02d", i))).isEqualTo(i + 100);
		}
		assertThat(FeedSummary.of(restarted).counts()).containsEntry("applied", 20L)
			.containsEntry("unchanged", 0L)
			.containsEntry("rejected", 1L);
		assertThat(this.jdbc.sql("SELECT count(*) FROM feed_reject").query(Long.class).single()).isOne();
		assertThat(this.jdbc.sql("SELECT to_regclass(?) IS NULL")
			.param("stage_stock_" + restarted.getJobInstanceId())
			.query(Boolean.class)
			.single()).as("staging table dropped").isTrue();
	}

	@Test
	void refusesToRestartALoadWhenTheFileChangedSinceTheFailedExecutionAndAppliesNothing() throws Exception {
		// the load fails in its second chunk (lines 4 to 6, the ledger refuses line 6's reject) after the first
		// committed: a restart that went on would stage the new file's tail on top of the old file's head
		Path file = feed("sku,quantity\nA-1,1\nA-2,2\nA-3,3\nA-1,4\nA-2,x\n");
		this.jdbc.sql("""
				CREATE OR REPLACE FUNCTION refuse_line_6() RETURNS trigger AS $$
				BEGIN IF NEW.line_no = 6 THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql""")
			.update();
		this.jdbc.sql("CREATE TRIGGER refuse_line_6 BEFORE INSERT ON feed_reject FOR EACH ROW EXECUTE FUNCTION refuse_line_6()")
			.update();
		JobExecution failed;
		try {
			failed = run(file, "max-reject-ratio", "0.5");
		}
		finally {
			this.jdbc.sql("DROP TRIGGER refuse_line_6 ON feed_reject").update();
		}
		assertThat(failure(failed)).contains("disk on fire");
		Files.writeString(file, "sku,quantity\nA-1,7\nA-2,7\nA-3,7\nA-1,7\nA-2,7\nA-3,7\n");

		JobExecution restarted = this.jobs.getJobOperator().restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(restarted.getExitStatus().getExitCode()).isEqualTo("FAILED");
		assertThat(failure(restarted)).contains("feed.csv: changed since execution " + failed.getId() + " started (sha256 ")
			.contains("; start a new run");
		assertThat(restarted.getStepExecutions()).extracting(step -> step.getStepName()).containsExactly("fingerprint");
		assertNothingApplied();
	}

	/** For @SpringBatchTest's scope listeners, which otherwise take any method returning a JobExecution. */
	JobExecution getJobExecution() {
		return MetaDataInstanceFactory.createJobExecution();
	}

	private JobExecution run(Path file, String... parameters) throws Exception {
		JobParametersBuilder builder = new JobParametersBuilder().addString("file", file.toString())
			.addLong("run.id", runIds++);
		for (int i = 0; i < parameters.length; i += 2) {
			builder.addString(parameters[i], parameters[i + 1], false);
		}
		return this.jobs.startJob(builder.toJobParameters());
	}

	private Path feed(String content) throws IOException {
		return Files.writeString(this.dir.resolve("feed.csv"), content, StandardCharsets.UTF_8);
	}

	private Path gzip(String name, String content) throws IOException {
		Path file = this.dir.resolve(name);
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
			out.write(content.getBytes(StandardCharsets.UTF_8));
		}
		return file;
	}

	private void catalogue(Object... skuAndStock) {
		for (int i = 0; i < skuAndStock.length; i += 2) {
			this.jdbc.sql("INSERT INTO products (sku, name, price, currency, stock_quantity, updated_at) "
					+ "VALUES (?, 'Product', 9.99, 'EUR', ?, now() - interval '1 day')")
				.params(skuAndStock[i], skuAndStock[i + 1])
				.update();
		}
	}

	private Map<String, Integer> stock() {
		Map<String, Integer> stock = new java.util.HashMap<>();
		this.jdbc.sql("SELECT sku, stock_quantity FROM products").query((rs, n) -> stock.put(rs.getString(1), rs.getInt(2))).list();
		return stock;
	}

	private int stockOf(String sku) {
		return this.jdbc.sql("SELECT stock_quantity FROM products WHERE sku = ?").param(sku).query(Integer.class).single();
	}

	private Timestamp updatedAt(String sku) {
		return this.jdbc.sql("SELECT updated_at FROM products WHERE sku = ?").param(sku).query(Timestamp.class).single();
	}

	private List<String> rejects() {
		return this.jdbc.sql("SELECT line_no || ':' || reason || ':' || coalesce(sku, 'null') FROM feed_reject ORDER BY line_no")
			.query(String.class)
			.list();
	}

	private void assertNothingApplied() {
		assertThat(stock()).containsOnly(Map.entry("A-1", 10), Map.entry("A-2", 20), Map.entry("A-3", 30), Map.entry("a-1", 40));
	}

	private static String failure(JobExecution execution) {
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		StringBuilder messages = new StringBuilder();
		for (Throwable failure : execution.getAllFailureExceptions()) {
			for (Throwable t = failure; t != null; t = t.getCause()) {
				messages.append(t.getMessage()).append('\n');
			}
		}
		return messages.toString();
	}

}
