package io.ambar.ops.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.ambar.feed.FeedParameters;
import io.ambar.ops.OperationException;
import io.ambar.stock.StockTestData;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
class ExecutionsCommandTests {

	@Autowired
	LocalOperatorClient client;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job stockUpdateJob;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	JobExecution completed;

	JobExecution failed;

	@BeforeEach
	void runOneFeedThatCompletesAndOneThatFails() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		StockTestData.seedProducts(this.jdbc, 2);
		Path good = StockTestData.writeFeed(this.dir.resolve("good.csv"),
				List.of(StockTestData.sku(1) + ",5", StockTestData.sku(2) + ",6", StockTestData.sku(2) + ",x"));
		Path empty = StockTestData.writeFeed(this.dir.resolve("empty.csv"), List.of());
		this.completed = launch(good, "1");
		this.failed = launch(empty, "0.05");
		assertThat(this.completed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.failed.getStatus()).isEqualTo(BatchStatus.FAILED);
	}

	@Test
	void listsExecutionsNewestFirstWithTheirCounts() throws Exception {
		List<String> lines = run("--job", "stock-update");

		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).contains("ID", "JOB", "STATUS", "READ", "APPLIED", "REJECTED", "FILE");
		assertThat(lines.get(1).strip()).startsWith(this.failed.getId() + "  ").contains("FAILED", "empty.csv");
		assertThat(lines.get(2).strip()).startsWith(this.completed.getId() + "  ")
			.containsPattern("COMPLETED\\s+COMPLETED\\s+\\S+ \\S+\\s+\\d+\\.\\d s\\s+3\\s+2\\s+1\\s+\\S*good\\.csv");
	}

	@Test
	void filtersByStatusAndLimitsTheList() throws Exception {
		assertThat(run("--status", "failed")).hasSize(2).last().asString().contains("FAILED");
		assertThat(run("status=COMPLETED")).hasSize(2).last().asString().contains("good.csv");
		assertThat(run("--limit=1")).hasSize(3).element(1).asString().contains("empty.csv");
		assertThat(run("--limit=1").get(2)).startsWith("more: --cursor ");
		assertThat(run("--status", "ABANDONED")).containsExactly("no executions");
	}

	@Test
	void refusesAnUnknownJobStatusOrLimit() {
		assertThatExceptionOfType(OperationException.class).isThrownBy(() -> run("--job", "stock-updat"))
			.withMessageStartingWith("unknown job 'stock-updat'")
			.extracting(OperationException::kind)
			.isEqualTo(OperationException.Kind.NOT_FOUND);
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> run("--status", "DONE"))
			.withMessageStartingWith("unknown status 'DONE'");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> run("--limit", "-1"));
	}

	private JobExecution launch(Path feed, String maxRejectRatio) throws Exception {
		return this.jobOperator.start(this.stockUpdateJob,
				new JobParametersBuilder().addString(FeedParameters.FILE, feed.toString())
					.addLong(FeedParameters.RUN_ID, System.nanoTime())
					.addString(FeedParameters.MAX_REJECT_RATIO, maxRejectRatio, false)
					.toJobParameters());
	}

	private List<String> run(String... args) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int exitCode = LocalCommands.run(this.client, new PrintStream(out, true, StandardCharsets.UTF_8), "executions",
				List.of(args));
		assertThat(exitCode).isEqualTo(AmbarCommand.OK);
		return out.toString(StandardCharsets.UTF_8).lines().toList();
	}

}
