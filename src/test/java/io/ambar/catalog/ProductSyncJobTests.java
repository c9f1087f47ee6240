package io.ambar.catalog;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ambar.feed.FeedSummary;
import io.ambar.feed.FingerprintTasklet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.ambar.catalog.CsvFeed.aFeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

// Chunks of 2 so that a failing apply has committed chunks behind it
// one apply range: the restart test below counts on the chunks committing in SKU order (ranges commit on their own)
@SpringBootTest(properties = { "ambar.catalog.apply-chunk-size=2", "ambar.catalog.apply-partitions=1" })
@SpringBatchTest
class ProductSyncJobTests {

	private static final String LONG_AGO = "2020-01-01T00:00:00Z";

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	JobRepositoryTestUtils repository;

	@Autowired
	JobOperator jobOperator;

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
		dropFailureTrigger();
		this.repository.removeJobExecutions();
		this.jdbc.sql("DELETE FROM products").update();
		this.jdbc.sql("DELETE FROM feed_reject").update();
		this.jdbc.sql("DELETE FROM feed_application").update();
	}

	@Test
	void insertsNewProductsWithZeroStock() throws Exception {
		JobExecution execution = this.sync.run(aFeed().product("A-1", "Anvil", "12.50")
			.row("B-2", "Bolt", "0.5", "USD", "Acme", "false")
			.writeTo(this.dir));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(catalogue()).containsExactly(
				new Product("A-1", "Anvil", null, new BigDecimal("12.50"), "EUR", "{}", true, 0),
				new Product("B-2", "Bolt", "Acme", new BigDecimal("0.50"), "USD", "{}", false, 0));
		assertThat(summary(execution)).containsEntry("read", 2L)
			.containsEntry("inserted", 2L)
			.containsEntry("updated", 0L)
			.containsEntry("unchanged", 0L)
			.containsEntry("superseded", 0L)
			.containsEntry("rejected", 0L);
		assertThat(contentHashes()).noneMatch(hash -> hash.endsWith(" null"));
	}

	@Test
	void updatesChangedProductsAndLeavesTheirStockAlone() throws Exception {
		this.sync.run(aFeed().product("A-1", "Anvil", "12.50").product("B-2", "Bolt", "1.00").writeTo(this.dir));
		this.jdbc.sql("UPDATE products SET stock_quantity = 7, updated_at = ?::timestamptz").param(LONG_AGO).update();

		JobExecution execution = this.sync.run(
				aFeed().product("A-1", "Anvil XL", "13.00").product("B-2", "Bolt", "1.00").writeTo(this.dir));

		assertThat(catalogue()).containsExactly(
				new Product("A-1", "Anvil XL", null, new BigDecimal("13.00"), "EUR", "{}", true, 7),
				new Product("B-2", "Bolt", null, new BigDecimal("1.00"), "EUR", "{}", true, 7));
		assertThat(writtenSinceLongAgo()).containsExactly("A-1");
		assertThat(summary(execution)).containsEntry("inserted", 0L)
			.containsEntry("updated", 1L)
			.containsEntry("unchanged", 1L);
	}

	@Test
	void doesNotWriteProductsWhoseContentIsUnchangedWhateverItsFormatting() throws Exception {
		this.sync.run(aFeed().product("A-1", "Anvil", "12.50").product("B-2", "Bolt", "1.00").writeTo(this.dir));
		this.jdbc.sql("UPDATE products SET updated_at = ?::timestamptz").param(LONG_AGO).update();

		JobExecution execution = this.sync.run(aFeed().product(" B-2 ", "Bolt", "1")
			.row("A-1", " Anvil ", "12.5", "EUR", "", "TRUE")
			.writeTo(this.dir));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(writtenSinceLongAgo()).isEmpty();
		assertThat(summary(execution)).containsEntry("read", 2L)
			.containsEntry("unchanged", 2L)
			.containsEntry("inserted", 0L)
			.containsEntry("updated", 0L);
	}

	@Test
	void appliesTheLastLineOfASkuThatAppearsTwice() throws Exception {
		JobExecution execution = this.sync.run(aFeed().product("A-1", "Old anvil", "1.00")
			.product("B-2", "Bolt", "1.00")
			.product("A-1", "New anvil", "2.00")
			.writeTo(this.dir));

		assertThat(catalogue()).extracting(Product::sku, Product::name, Product::price)
			.containsExactly(tuple("A-1", "New anvil", new BigDecimal("2.00")),
					tuple("B-2", "Bolt", new BigDecimal("1.00")));
		assertThat(summary(execution)).containsEntry("read", 3L)
			.containsEntry("superseded", 1L)
			.containsEntry("inserted", 2L);
	}

	@Test
	void recordsRejectedLinesByReasonAndAppliesTheRest() throws Exception {
		JobExecution execution = this.sync.run(aFeed().product("A-1", "Anvil", "12.50")
			.product("B-2", "Bolt", "1e3")
			.product("C-3", "", "1.00")
			.row("D-4", "Drill", "1.00", "ZZZ", "", "")
			.row("E-5", "Eraser", "1.00", "", "", "yes")
			.product("", "Nameless", "1.00")
			.line("F-6,too,few")
			.writeTo(this.dir), "max-reject-ratio", "1");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(catalogue()).extracting(Product::sku).containsExactly("A-1");
		assertThat(this.jdbc.sql("SELECT line_no, sku, reason FROM feed_reject ORDER BY line_no")
			.query((rs, n) -> rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3))
			.list()).containsExactly("3 B-2 INVALID_PRICE", "4 C-3 MISSING_NAME", "5 D-4 INVALID_CURRENCY",
					"6 E-5 INVALID_ACTIVE", "7 null MISSING_SKU", "8 null WRONG_COLUMN_COUNT");
		assertThat(summary(execution)).containsEntry("read", 7L)
			.containsEntry("inserted", 1L)
			.containsEntry("rejected", 6L)
			.containsEntry("rejected.INVALID_PRICE", 1L)
			.containsEntry("rejected.WRONG_COLUMN_COUNT", 1L);
	}

	@Test
	void failsAFeedWithTooManyRejectsAndAppliesNothing() throws Exception {
		JobExecution execution = this.sync.run(
				aFeed().product("A-1", "Anvil", "12.50").product("B-2", "Bolt", "12,50").writeTo(this.dir));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(execution)).contains("1 of 2 lines rejected");
		assertThat(catalogue()).isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM feed_application WHERE state = 'applied'").query(Long.class).single())
			.isZero();
	}

	@Test
	void fullSyncDeactivatesActiveProductsAbsentFromTheFeed() throws Exception {
		this.sync.run(aFeed().product("A-1", "Anvil", "1.00")
			.product("B-2", "Bolt", "1.00")
			.product("C-3", "Chisel", "1.00")
			.inactiveProduct("D-4", "Drill", "1.00")
			.writeTo(this.dir));
		this.jdbc.sql("UPDATE products SET updated_at = ?::timestamptz").param(LONG_AGO).update();

		Path feed = aFeed().product("A-1", "Anvil", "1.00").product("C-3", "Chisel", "1.00").writeTo(this.dir);

		JobExecution execution = this.sync.run(feed, "mode", "full", "max-deactivate-ratio", "0.5");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(catalogue()).extracting(Product::sku, Product::active)
			.containsExactly(tuple("A-1", true),
					tuple("B-2", false), tuple("C-3", true),
					tuple("D-4", false));
		assertThat(writtenSinceLongAgo()).containsExactly("B-2");
		assertThat(contentHashes()).contains("B-2 null");
		assertThat(summary(execution)).containsEntry("deactivated", 1L).containsEntry("unchanged", 2L);
	}

	@Test
	void fullSyncKeepsProductsWhoseLineWasRejected() throws Exception {
		this.sync.run(aFeed().product("A-1", "Anvil", "1.00")
			.product("B-2", "Bolt", "1.00")
			.product("C-3", "Chisel", "1.00")
			.writeTo(this.dir));
		Path feed = aFeed().product("A-1", "Anvil", "1.00")
			.product("B-2", "Bolt", "1e0")
			.product("C-3", "Chisel", "1.00")
			.writeTo(this.dir);

		JobExecution execution = this.sync.run(feed, "mode", "full", "max-reject-ratio", "0.5");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(catalogue()).extracting(Product::active).containsExactly(true, true, true);
		assertThat(summary(execution)).containsEntry("deactivated", 0L).containsEntry("rejected.INVALID_PRICE", 1L);
	}

	@Test
	void fullSyncThatWouldDeactivateTooMuchOfTheCatalogueFailsAndChangesNothing() throws Exception {
		this.sync.run(aFeed().product("A-1", "Anvil", "1.00")
			.product("B-2", "Bolt", "1.00")
			.product("C-3", "Chisel", "1.00")
			.product("D-4", "Drill", "1.00")
			.writeTo(this.dir));
		List<Product> before = catalogue();
		List<String> hashesBefore = contentHashes();

		Path feed = aFeed().product("A-1", "Anvil", "9.99").product("E-5", "Eraser", "1.00").writeTo(this.dir);

		JobExecution execution = this.sync.run(feed, "mode", "full");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(execution)).contains("deactivate 3 of 4 active products")
			.contains("max-deactivate-ratio 0.1");
		assertThat(catalogue()).isEqualTo(before);
		assertThat(contentHashes()).isEqualTo(hashesBefore);
		assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName)
			.doesNotContain("apply", "deactivate");
	}

	@Test
	void incrementalSyncNeverDeactivates() throws Exception {
		this.sync.run(aFeed().product("A-1", "Anvil", "1.00").product("B-2", "Bolt", "1.00").writeTo(this.dir));

		JobExecution execution = this.sync.run(aFeed().product("A-1", "Anvil", "2.00").writeTo(this.dir));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(catalogue()).extracting(Product::active).containsExactly(true, true);
		assertThat(summary(execution)).doesNotContainKey("deactivated");
	}

	@Test
	void reactivatesAProductThatAFullSyncDeactivated() throws Exception {
		Path both = aFeed().product("A-1", "Anvil", "1.00").product("B-2", "Bolt", "1.00").writeTo(this.dir);
		this.sync.run(both);
		Path onlyA = aFeed().product("A-1", "Anvil", "1.00").writeTo(this.dir);
		this.sync.run(onlyA, "mode", "full", "max-deactivate-ratio", "1");

		JobExecution execution = this.sync.run(aFeed().product("B-2", "Bolt", "1.00").writeTo(this.dir));

		assertThat(catalogue()).extracting(Product::active).containsExactly(true, true);
		assertThat(summary(execution)).containsEntry("updated", 1L);
	}

	@Test
	void rerunOfAnAppliedFeedEndsAlreadyAppliedAndChangesNothing() throws Exception {
		Path feed = aFeed().product("A-1", "Anvil", "12.50").writeTo(this.dir);
		this.sync.run(feed);
		editOutOfBand("A-1");

		JobExecution execution = this.sync.run(feed);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getStepExecutions()).singleElement()
			.satisfies(step -> assertThat(step.getStepName()).isEqualTo("fingerprint"))
			.satisfies(step -> assertThat(step.getExitStatus().getExitCode())
				.isEqualTo(FingerprintTasklet.ALREADY_APPLIED));
		assertThat(catalogue()).extracting(Product::name).containsExactly("Edited by hand");
	}

	@Test
	void fullSyncOfAFeedAppliedIncrementallyIsNotAlreadyApplied() throws Exception {
		this.sync.run(aFeed().product("A-1", "Anvil", "1.00").product("B-2", "Bolt", "1.00").writeTo(this.dir));
		Path feed = aFeed().product("A-1", "Anvil", "1.00").writeTo(this.dir);
		this.sync.run(feed, "mode", "incremental");

		JobExecution execution = this.sync.run(feed, "mode", "full", "max-deactivate-ratio", "1");

		assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName).contains("deactivate");
		assertThat(catalogue()).extracting(Product::sku, Product::active)
			.containsExactly(tuple("A-1", true), tuple("B-2", false));
		assertThat(summary(execution)).containsEntry("deactivated", 1L);
	}

	@Test
	void fullSyncOfAFeedAppliedInFullModeIsAlreadyApplied() throws Exception {
		Path feed = aFeed().product("A-1", "Anvil", "1.00").writeTo(this.dir);
		this.sync.run(feed, "mode", "full");

		JobExecution execution = this.sync.run(feed, "mode", " FULL ");

		assertThat(execution.getStepExecutions()).singleElement()
			.extracting(step -> step.getExitStatus().getExitCode())
			.isEqualTo(FingerprintTasklet.ALREADY_APPLIED);
	}

	@Test
	void incrementalModeSpelledOutIsTheDefaultMode() throws Exception {
		Path feed = aFeed().product("A-1", "Anvil", "1.00").writeTo(this.dir);
		this.sync.run(feed);

		JobExecution execution = this.sync.run(feed, "mode", "incremental");

		assertThat(execution.getStepExecutions()).singleElement()
			.extracting(step -> step.getExitStatus().getExitCode())
			.isEqualTo(FingerprintTasklet.ALREADY_APPLIED);
	}

	@Test
	void forceAppliesAnAppliedFeedAgain() throws Exception {
		Path feed = aFeed().product("A-1", "Anvil", "12.50").writeTo(this.dir);
		this.sync.run(feed);
		editOutOfBand("A-1");

		JobExecution execution = this.sync.run(feed, "force", "true");

		assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName).contains("apply", "finish");
		assertThat(catalogue()).extracting(Product::name).containsExactly("Anvil");
		assertThat(summary(execution)).containsEntry("updated", 1L);
	}

	@Test
	void restartAfterAFailedApplyEndsWithTheSameCatalogueAsACleanRun() throws Exception {
		Path seed = aFeed().product("A-1", "Anvil", "1.00").product("X-9", "Xylophone", "1.00").writeTo(this.dir);
		Path feed = aFeed().product("F-6", "File", "6.00")
			.product("E-5", "Eraser", "5.00")
			.product("D-4", "Drill", "4.00")
			.product("C-3", "Chisel", "3.00")
			.product("B-2", "Bolt", "2.00")
			.product("A-1", "Anvil", "1.50")
			.writeTo(this.dir);
		this.sync.run(seed);
		failWritesOf("E-5");

		JobExecution failed = this.sync.run(feed, "mode", "full", "max-deactivate-ratio", "1");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(catalogue()).extracting(Product::sku).containsExactly("A-1", "B-2", "C-3", "D-4", "X-9");

		dropFailureTrigger();
		JobExecution restarted = this.jobOperator.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Product> afterRestart = catalogue();
		List<String> hashesAfterRestart = contentHashes();
		var restartedCounts = summary(restarted);
		this.jdbc.sql("DELETE FROM products").update();
		this.jdbc.sql("DELETE FROM feed_application").update();
		this.sync.run(seed);
		JobExecution clean = this.sync.run(feed, "mode", "full", "max-deactivate-ratio", "1");
		assertThat(afterRestart).isEqualTo(catalogue());
		assertThat(hashesAfterRestart).isEqualTo(contentHashes());
		assertThat(restartedCounts).isEqualTo(summary(clean))
			.containsEntry("inserted", 5L)
			.containsEntry("updated", 1L)
			.containsEntry("deactivated", 1L);
	}

	@Test
	void refusesAnUnknownModeOrADeactivateRatioOutsideZeroToOne() {
		Path feed = aFeed().product("A-1", "Anvil", "1.00").writeTo(this.dir);

		assertThatExceptionOfType(InvalidJobParametersException.class)
			.isThrownBy(() -> this.sync.run(feed, "mode", "partial"))
			.withMessageContaining("mode");
		assertThatExceptionOfType(InvalidJobParametersException.class)
			.isThrownBy(() -> this.sync.run(feed, "max-deactivate-ratio", "1.5"))
			.withMessageContaining("max-deactivate-ratio");
	}

	private List<Product> catalogue() {
		return this.jdbc.sql("""
				SELECT sku, name, brand, price, currency, attributes::text, active, stock_quantity
				FROM products ORDER BY sku""")
			.query((rs, n) -> new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
					rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getInt(8)))
			.list();
	}

	/** Each product's content hash in hex (null when cleared), by SKU. */
	private List<String> contentHashes() {
		return this.jdbc
			.sql("SELECT sku || ' ' || coalesce(encode(content_hash, 'hex'), 'null') FROM products ORDER BY sku")
			.query(String.class)
			.list();
	}

	private List<String> writtenSinceLongAgo() {
		return this.jdbc.sql("SELECT sku FROM products WHERE updated_at > ?::timestamptz ORDER BY sku")
			.param(LONG_AGO)
			.query(String.class)
			.list();
	}

	/** Someone edits the product in the database, bypassing the feed. */
	private void editOutOfBand(String sku) {
		this.jdbc.sql("UPDATE products SET name = 'Edited by hand', content_hash = NULL WHERE sku = ?")
			.param(sku)
			.update();
	}

	/** Makes every insert or update of the SKU fail, until {@link #dropFailureTrigger()}. */
	private void failWritesOf(String sku) {
		this.jdbc.sql("""
				CREATE FUNCTION fail_on_sku() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				  IF NEW.sku = '%s' THEN RAISE EXCEPTION 'test: refusing to write %%', NEW.sku; END IF;
				  RETURN NEW;
				END $$""".formatted(sku)).update();
		this.jdbc.sql("""
				CREATE TRIGGER fail_on_sku BEFORE INSERT OR UPDATE ON products
				FOR EACH ROW EXECUTE FUNCTION fail_on_sku()""").update();
	}

	private void dropFailureTrigger() {
		this.jdbc.sql("DROP TRIGGER IF EXISTS fail_on_sku ON products").update();
		this.jdbc.sql("DROP FUNCTION IF EXISTS fail_on_sku()").update();
	}

	private static Map<String, Long> summary(JobExecution execution) {
		return FeedSummary.of(execution).counts();
	}

	private static String failure(JobExecution execution) {
		return execution.getAllFailureExceptions().get(0).getMessage();
	}

	/** A catalogue row: the columns the feed owns, and stock. */
	record Product(String sku, String name, String brand, BigDecimal price, String currency, String attributes,
			boolean active, int stock) {
	}

}
