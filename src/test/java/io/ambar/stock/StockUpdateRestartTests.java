package io.ambar.stock;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ambar.feed.FeedParameters;
import io.ambar.feed.FeedSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

@SpringBootTest
class StockUpdateRestartTests {

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
	void cleanCatalogue() {
		StockTestData.clean(this.jdbc, this.jobRepository);
		StockTestData.seedProducts(this.jdbc, 3);
	}

	/**
	 * A process killed after a step's work committed but before the job context was saved loses what the step
	 * put there; the restart runs the step again or not at all. The counts must come out the same either way.
	 */
	@Test
	void countsTheSameAfterARestartThatLostTheJobContextAndRerunsTheClassifyStep() throws Exception {
		Path feed = StockTestData.writeFeed(this.dir.resolve("stock.csv"), List.of(StockTestData.sku(1) + ",5",
				StockTestData.sku(1) + ",6", StockTestData.sku(2) + ",10", "NOPE-1,3", StockTestData.sku(3) + ",x"));
		JobExecution failed = runWithReadOnlyCatalogue(feed);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		JobExecution stored = this.jobRepository.getJobExecution(failed.getId());
		stored.getExecutionContext()
			.entrySet()
			.stream()
			.map(Map.Entry::getKey)
			.filter(key -> key.startsWith("summary."))
			.toList()
			.forEach(stored.getExecutionContext()::remove);
		this.jobRepository.updateExecutionContext(stored);
		StepExecution classify = stored.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals("classify"))
			.findFirst()
			.orElseThrow();
		classify.setStatus(BatchStatus.FAILED);
		this.jobRepository.update(classify);

		JobExecution restarted = this.jobOperator.restart(stored);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, Long> counts = FeedSummary.of(restarted).counts();
		assertThat(counts).contains(entry(FeedSummary.READ, 5L), entry(FeedSummary.APPLIED, 1L),
				entry(FeedSummary.UNCHANGED, 1L), entry(FeedSummary.SUPERSEDED, 1L), entry(FeedSummary.REJECTED, 2L));
		assertThat(this.jdbc.sql("SELECT stock_quantity FROM products ORDER BY sku").query(Integer.class).list())
			.containsExactly(6, 10, 10);
	}

	private JobExecution runWithReadOnlyCatalogue(Path feed) throws Exception {
		this.jdbc.sql("""
				CREATE FUNCTION refuse_stock_change() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'catalogue is read-only'; END $$""").update();
		this.jdbc.sql("CREATE TRIGGER refuse_stock_change BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION refuse_stock_change()")
			.update();
		try {
			return this.jobOperator.start(this.stockUpdateJob,
					new JobParametersBuilder().addString(FeedParameters.FILE, feed.toString())
						.addLong(FeedParameters.RUN_ID, System.nanoTime())
						.addString(FeedParameters.MAX_REJECT_RATIO, "1", false)
						.toJobParameters());
		}
		finally {
			this.jdbc.sql("DROP TRIGGER refuse_stock_change ON products").update();
			this.jdbc.sql("DROP FUNCTION refuse_stock_change()").update();
		}
	}

}
