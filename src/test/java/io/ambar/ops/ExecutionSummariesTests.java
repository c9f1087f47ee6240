package io.ambar.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of executions read in one query says what the job repository's full executions say.
 */
@SpringBootTest
class ExecutionSummariesTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobLaunches launches;

	@Autowired
	ExecutionSummaries summaries;

	@TempDir
	Path dir;

	@BeforeEach
	void catalogue() {
		StockTestData.clean(this.jdbc, this.jobRepository);
		this.jdbc.sql("TRUNCATE run_slot, audit_log").update();
		StockTestData.seedProducts(this.jdbc, 3);
	}

	@AfterEach
	void cleanUp() {
		StockTestData.clean(this.jdbc, this.jobRepository);
	}

	@Test
	void summarisesAPageAsTheJobRepositorysExecutionsDo() throws Exception {
		Path feed = StockTestData.writeFeed(this.dir.resolve("stock.csv"),
				List.of(StockTestData.sku(1) + ",5", StockTestData.sku(2) + ",x", StockTestData.sku(3) + ",7"));
		long completed = run(Map.of("file", feed.toString(), "max-reject-ratio", "0.5"));
		long failed = run(Map.of("file", feed.toString(), "force", "true"));

		List<ExecutionViews.Summary> page = this.summaries.of(List.of(failed, 999_999L, completed));

		assertThat(page).containsExactly(ExecutionQueries.summary(this.jobRepository.getJobExecution(failed)),
				ExecutionQueries.summary(this.jobRepository.getJobExecution(completed)));
		assertThat(page.get(0).status()).isEqualTo("FAILED");
		assertThat(page.get(1).counts()).containsEntry("applied", 2L).containsEntry("rejected", 1L);
	}

	private long run(Map<String, String> parameters) {
		JobLaunches.Launch launch = this.launches.prepare("stock-update", parameters, Actor.cli());
		return this.launches.start(launch, Actor.cli(), true).getId();
	}

}
