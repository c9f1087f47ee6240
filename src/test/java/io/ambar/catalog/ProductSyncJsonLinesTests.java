package io.ambar.catalog;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import io.ambar.feed.FeedSummary;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * product-sync reading JSON Lines feeds, plain and gzip, through the whole job.
 */
@SpringBootTest
@SpringBatchTest
class ProductSyncJsonLinesTests {

	private static final List<String> LINES = List.of(
			"{\"sku\":\"A-1\",\"name\":\"Anvil\",\"price\":12.50,\"attributes\":{\"size\":{\"w\":2,\"h\":1},\"colour\":\"red\"}}",
			"{\"sku\":\"B-2\",\"name\":\"Bolt\",\"price\":1e3}",
			"{\"sku\":\"C-3\",\"name\":\"Chisel\",",
			"{\"sku\":\"D-4\",\"name\":\"Drill\",\"price\":\"7.5\",\"currency\":\"USD\",\"active\":false}");

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	JobRepositoryTestUtils repository;

	@Autowired
	Job productSyncJob;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	private ProductSyncRuns sync;

	@BeforeEach
	void startClean() {
		this.jobs.setJob(this.productSyncJob);
		this.sync = new ProductSyncRuns(this.jobs);
		cleanUp();
	}

	// the database is shared with other test classes: leave it as empty as found
	@AfterEach
	void cleanUp() {
		this.repository.removeJobExecutions();
		this.jdbc.sql("TRUNCATE products, feed_reject, feed_application").update();
	}

	@Test
	void appliesAJsonLinesFeedKeepingNumbersAsWrittenAndAttributesAsJsonb() throws Exception {
		Path feed = Files.write(this.dir.resolve("products.jsonl"), LINES, StandardCharsets.UTF_8);

		JobExecution execution = this.sync.run(feed, "max-reject-ratio", "1");

		assertAppliedGoodLinesAndRejectedBadOnes(execution);
	}

	@Test
	void appliesAGzippedJsonLinesFeed() throws Exception {
		Path feed = this.dir.resolve("products.jsonl.gz");
		try (OutputStream file = Files.newOutputStream(feed);
				Writer out = new OutputStreamWriter(new GZIPOutputStream(file), StandardCharsets.UTF_8)) {
			for (String line : LINES) {
				out.write(line + "\n");
			}
		}

		JobExecution execution = this.sync.run(feed, "max-reject-ratio", "1");

		assertAppliedGoodLinesAndRejectedBadOnes(execution);
	}

	@Test
	void rejectsValuesOfTheWrongJsonTypeAndUnpairedSurrogatesInsteadOfStoringThemAsText() throws Exception {
		Path feed = Files.write(this.dir.resolve("types.jsonl"), List.of(
				"{\"sku\":{\"a\":1},\"name\":\"Object\",\"price\":1}",
				"{\"sku\":[\"x\"],\"name\":\"Array\",\"price\":1}",
				"{\"sku\":true,\"name\":\"Boolean\",\"price\":1}",
				"{\"sku\":\"N-1\",\"name\":{\"x\":1},\"price\":1}",
				"{\"sku\":\"S-1\",\"name\":\"half \\ud83d\",\"price\":1}",
				"{\"sku\":12345,\"name\":\"Numbered\",\"price\":1}",
				"{\"sku\":\"OK-1\",\"name\":\"Fine \\ud83c\\udf75\",\"price\":2}"), StandardCharsets.UTF_8);

		JobExecution execution = this.sync.run(feed, "max-reject-ratio", "1");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT sku || ' ' || name FROM products ORDER BY sku").query(String.class).list())
			.containsExactly("12345 Numbered", "OK-1 Fine \uD83C\uDF75");
		assertThat(this.jdbc.sql("SELECT line_no || ' ' || coalesce(sku, '-') || ' ' || reason || ': ' || detail "
				+ "FROM feed_reject ORDER BY line_no")
			.query(String.class)
			.list()).containsExactly("1 - WRONG_TYPE: sku must be a string or an integer, got an object",
					"2 - WRONG_TYPE: sku must be a string or an integer, got an array",
					"3 - WRONG_TYPE: sku must be a string or an integer, got a boolean",
					"4 N-1 WRONG_TYPE: name must be a string, got an object",
					"5 S-1 INVALID_TEXT: name holds an unpaired surrogate \\ud83d at character 6, which is not text");
	}

	@Test
	void rejectsALineLongerThanTheLimitAndAppliesTheLinesAfterIt() throws Exception {
		String longLine = "{\"sku\":\"L-1\",\"name\":\"Long\",\"price\":1,\"description\":\"" + "d".repeat(3 << 20) + "\"}";
		Path feed = Files.write(this.dir.resolve("long.jsonl"),
				List.of("{\"sku\":\"A-1\",\"name\":\"Anvil\",\"price\":1}", longLine,
						"{\"sku\":\"B-2\",\"name\":\"Bolt\",\"price\":2}"),
				StandardCharsets.UTF_8);

		JobExecution execution = this.sync.run(feed, "max-reject-ratio", "0.5");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT sku FROM products ORDER BY sku").query(String.class).list())
			.containsExactly("A-1", "B-2");
		assertThat(this.jdbc.sql("SELECT line_no || ' ' || reason || ' ' || length(raw) FROM feed_reject")
			.query(String.class)
			.single()).startsWith("2 LINE_TOO_LONG ");
		assertThat(this.jdbc.sql("SELECT raw FROM feed_reject").query(String.class).single())
			.startsWith(longLine.substring(0, 4000))
			.endsWith("… [cut: " + String.format(Locale.ROOT, "%,d", longLine.length()) + " bytes in all]")
			.hasSizeLessThanOrEqualTo(4096);
	}

	@Test
	void storesTextOutsideTheBasicPlaneExactlyAndFindsItUnchangedOnTheNextRun() throws Exception {
		Map<String, String[]> products = new TreeMap<>();
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			String sku = "E-" + i;
			String name = "x".repeat(i % 5) + emoji(i, 120);
			String description = emoji(i + 7, 300) + " / " + "y".repeat(i % 3) + "end";
			products.put(sku, new String[] { name, description });
			// every tenth line writes its first emoji as an escaped surrogate pair
			String first = (i % 10 == 0) ? escaped(name.codePointAt(i % 5)) : null;
			String jsonName = (first != null) ? name.substring(0, i % 5) + first + name.substring(i % 5 + 2) : name;
			lines.add("{\"sku\":\"" + sku + "\",\"name\":\"" + jsonName + "\",\"description\":\"" + description
					+ "\",\"price\":1}");
		}
		// staged in one chunk: rows of about 30 buffers of 65,536 characters
		Path feed = Files.write(this.dir.resolve("emoji.jsonl"), lines, StandardCharsets.UTF_8);

		JobExecution first = this.sync.run(feed);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, String[]> stored = new TreeMap<>();
		this.jdbc.sql("SELECT sku, name, description FROM products")
			.query((rs, n) -> stored.put(rs.getString(1), new String[] { rs.getString(2), rs.getString(3) }))
			.list();
		assertThat(stored.keySet()).isEqualTo(products.keySet());
		products.forEach((sku, texts) -> {
			assertThat(stored.get(sku)[0].codePoints().toArray()).as("name of %s", sku)
				.isEqualTo(texts[0].codePoints().toArray());
			assertThat(stored.get(sku)[1].codePoints().toArray()).as("description of %s", sku)
				.isEqualTo(texts[1].codePoints().toArray());
		});

		JobExecution second = this.sync.run(feed, "force", "true");

		assertThat(FeedSummary.of(second).counts()).containsEntry("unchanged", 2_000L)
			.containsEntry("inserted", 0L)
			.containsEntry("updated", 0L);
	}

	private static String emoji(int seed, int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.appendCodePoint(0x1F300 + (seed * 31 + i * 7) % 0x300);
			if (i % 11 == 0) {
				text.append(' ');
			}
		}
		return text.toString();
	}

	private static String escaped(int codePoint) {
		char[] pair = Character.toChars(codePoint);
		return String.format(Locale.ROOT, "\\u%04x\\u%04x", (int) pair[0], (int) pair[1]);
	}

	private void assertAppliedGoodLinesAndRejectedBadOnes(JobExecution execution) {
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT sku, price, currency, active FROM products ORDER BY sku")
			.query((rs, n) -> rs.getString(1) + " " + rs.getBigDecimal(2) + " " + rs.getString(3) + " "
					+ rs.getBoolean(4))
			.list()).containsExactly("A-1 12.50 EUR true", "D-4 7.50 USD false");
		assertThat(this.jdbc.sql("SELECT price FROM products WHERE sku = 'A-1'").query(BigDecimal.class).single())
			.isEqualByComparingTo("12.50")
			.hasScaleOf(2);
		// stored as jsonb, not as a JSON string holding the object
		assertThat(this.jdbc
			.sql("SELECT jsonb_typeof(attributes) || ' ' || (attributes #>> '{size,h}') FROM products WHERE sku = 'A-1'")
			.query(String.class)
			.single()).isEqualTo("object 1");
		assertThat(this.jdbc.sql("SELECT line_no || ' ' || coalesce(sku, '-') || ' ' || reason || ' ' || raw "
				+ "FROM feed_reject ORDER BY line_no")
			.query(String.class)
			.list()).containsExactly("2 B-2 INVALID_PRICE " + LINES.get(1), "3 - MALFORMED_JSON " + LINES.get(2));
		assertThat(this.jdbc.sql("SELECT detail FROM feed_reject WHERE reason = 'INVALID_PRICE'")
			.query(String.class)
			.single()).contains("'1e3'");
		assertThat(FeedSummary.of(execution).counts()).containsEntry("read", 4L)
			.containsEntry("inserted", 2L)
			.containsEntry("rejected", 2L)
			.containsEntry("rejected.MALFORMED_JSON", 1L)
			.containsEntry("rejected.INVALID_PRICE", 1L);
	}

}
