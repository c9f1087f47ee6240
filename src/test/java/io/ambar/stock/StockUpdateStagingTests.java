package io.ambar.stock;

import java.nio.file.Path;
import java.util.List;

import io.ambar.ops.Actor;
import io.ambar.ops.ExecutionActions;
import org.junit.jupiter.api.AfterEach;
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
 * Staging tables live exactly as long as an execution of their job instance can use them.
 */
@SpringBootTest
class StockUpdateStagingTests {

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job stockUpdateJob;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ExecutionActions actions;

	@TempDir
	Path dir;

	@BeforeEach
	void catalogueThatRefusesOneSku() {
		StockTestData.clean(this.jdbc, this.jobRepository);
		StockTestData.seedProducts(this.jdbc, 3);
		this.jdbc.sql("""
				CREATE FUNCTION refuse_sku_2() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN IF NEW.sku = 'SKU-0000002' THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$""")
			.update();
		this.jdbc.sql("CREATE TRIGGER refuse_sku_2 BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION refuse_sku_2()")
			.update();
	}

	@AfterEach
	void allowWrites() {
		this.jdbc.sql("DROP TRIGGER IF EXISTS refuse_sku_2 ON products").update();
		this.jdbc.sql("DROP FUNCTION IF EXISTS refuse_sku_2()").update();
	}

	@Test
	void aRestartFoundToBeADuplicateDropsTheStagingTablesOfItsInstance() throws Exception {
		JobExecution failed = run(feed("first.csv"));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(stagingTablesOf(failed)).isNotEmpty();
		allowWrites();
		assertThat(run(feed("second.csv")).getExitStatus().getExitCode()).isEqualTo("COMPLETED");

		JobExecution restarted = this.jobOperator.restart(failed);

		assertThat(restarted.getExitStatus().getExitCode()).isEqualTo("ALREADY_APPLIED");
		assertThat(stagingTablesOf(failed)).isEmpty();
	}

	@Test
	void abandoningAnExecutionDropsItsStagingTablesAndWithdrawsItsClaim() throws Exception {
		JobExecution failed = run(feed("first.csv"));
		assertThat(stagingTablesOf(failed)).isNotEmpty();
		String done = this.actions.abandon(failed.getId(), Actor.cli());

		assertThat(done).contains("abandoned: its job instance is closed for good");
		assertThat(this.jobRepository.getJobExecution(failed.getId()).getStatus()).isEqualTo(BatchStatus.ABANDONED);
		assertThat(stagingTablesOf(failed)).isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM feed_application").query(Long.class).single()).isZero();
	}

	private List<String> stagingTablesOf(JobExecution execution) {
		return this.jdbc.sql("SELECT tablename FROM pg_tables WHERE tablename LIKE ?")
			.param("stage\\_stock\\_" + execution.getJobInstanceId() + "%")
			.query(String.class)
			.list();
	}

	private JobExecution run(Path file) throws Exception {
		return this.jobOperator.start(this.stockUpdateJob, new JobParametersBuilder().addString("file", file.toString())
			.addLong("run.id", System.nanoTime())
			.toJobParameters());
	}

	private Path feed(String name) throws Exception {
		return StockTestData.writeFeed(this.dir.resolve(name),
				List.of(StockTestData.sku(1) + ",1", StockTestData.sku(2) + ",2", StockTestData.sku(3) + ",3"));
	}

}
