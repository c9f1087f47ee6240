package io.ambar.ops.cli;

import io.ambar.ops.OperationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ambar.feed.FeedParameters;
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
class RejectsCommandTests {

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

	JobExecution execution;

	@BeforeEach
	void runAFeedWithBadLines() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		StockTestData.seedProducts(this.jdbc, 2);
		Path feed = StockTestData.writeFeed(this.dir.resolve("stock.csv"), List.of(StockTestData.sku(1) + ",5",
				"=cmd|' /C calc'!A0,1", StockTestData.sku(2) + ",-2", "@x,+1", "too,many,fields"));
		this.execution = this.jobOperator.start(this.stockUpdateJob,
				new JobParametersBuilder().addString(FeedParameters.FILE, feed.toString())
					.addLong(FeedParameters.RUN_ID, System.nanoTime())
					.addString(FeedParameters.MAX_REJECT_RATIO, "1", false)
					.toJobParameters());
		assertThat(this.execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void printsTheRejectedLinesAsATable() throws Exception {
		List<String> lines = run(String.valueOf(this.execution.getId())).lines().toList();

		assertThat(lines.get(0)).isEqualTo("4 rejected lines of stock-update execution " + this.execution.getId()
				+ " {INVALID_QUANTITY=2, UNKNOWN_SKU=1, WRONG_COLUMN_COUNT=1}");
		assertThat(columns(lines.get(1))).containsExactly("LINE", "REASON", "SKU", "DETAIL", "RAW");
		// line number, reason and SKU in their columns, the raw line last
		assertThat(lines.subList(2, 6)).satisfiesExactly(
				line -> assertThat(columns(line)).startsWith("3", "UNKNOWN_SKU", "=cmd|' /C calc'!A0")
					.endsWith("=cmd|' /C calc'!A0,1"),
				line -> assertThat(columns(line)).startsWith("4", "INVALID_QUANTITY", "SKU-0000002")
					.endsWith("SKU-0000002,-2"),
				line -> assertThat(columns(line)).startsWith("5", "INVALID_QUANTITY", "@x").endsWith("@x,+1"),
				line -> assertThat(columns(line)).startsWith("6", "WRONG_COLUMN_COUNT").endsWith("too,many,fields"));
	}

	/** The cells of a table line: the columns are two or more spaces apart. */
	private static List<String> columns(String line) {
		return List.of(line.strip().split(" {2,}"));
	}

	@Test
	void writesASpreadsheetSafeCsv() throws Exception {
		Path csv = this.dir.resolve("rejects.csv");

		String printed = run(String.valueOf(this.execution.getId()), "--csv", csv.toString());

		assertThat(printed).contains("4 rejected lines of execution " + this.execution.getId() + " written to " + csv);
		List<String> records = List.of(Files.readString(csv, StandardCharsets.UTF_8).split("\r\n"));
		assertThat(records.get(0)).isEqualTo("line,reason,sku,detail,raw,raw_cut");
		assertThat(records.get(1)).startsWith("3,UNKNOWN_SKU,'=cmd|' /C calc'!A0,").endsWith(",\"'=cmd|' /C calc'!A0,1\",false");
		assertThat(records.get(2)).startsWith("4,INVALID_QUANTITY,SKU-0000002,").endsWith(",\"SKU-0000002,-2\",false");
		assertThat(records.get(3)).startsWith("5,INVALID_QUANTITY,'@x,").endsWith(",\"'@x,+1\",false");
		assertThat(records.get(4)).startsWith("6,WRONG_COLUMN_COUNT,,").endsWith(",\"too,many,fields\",false");
		assertThat(printed).doesNotContain("note:");
	}

	@Test
	void saysWhenTheLedgerKeptOnlyTheStartOfALongLine() throws Exception {
		Path feed = StockTestData.writeFeed(this.dir.resolve("long.csv"),
				List.of(StockTestData.sku(1) + ",5", StockTestData.sku(2) + "," + "9".repeat(2 << 20)));
		JobExecution longLine = this.jobOperator.start(this.stockUpdateJob,
				new JobParametersBuilder().addString(FeedParameters.FILE, feed.toString())
					.addLong(FeedParameters.RUN_ID, System.nanoTime())
					.addString(FeedParameters.MAX_REJECT_RATIO, "1", false)
					.toJobParameters());
		Path csv = this.dir.resolve("rejects.csv");

		String table = run(String.valueOf(longLine.getId()));
		String printed = run(String.valueOf(longLine.getId()), "--csv", csv.toString());

		String note = "note: the raw text of 1 line is cut to its first 4,000 characters, marked '… [cut: N bytes in all]'"
				+ " (raw_cut in the CSV)";
		assertThat(table).contains("3  LINE_TOO_LONG").contains(note);
		assertThat(printed).contains(note);
		assertThat(Files.readString(csv, StandardCharsets.UTF_8)).contains("… [cut: 2,097,164 bytes in all]\",true\r\n");
	}

	@Test
	void refusesAnUnknownExecution() throws Exception {
		assertThatExceptionOfType(OperationException.class).isThrownBy(() -> run("999999"))
			.withMessage("no job execution 999999");
	}

	private String run(String... args) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int exitCode = LocalCommands.run(this.client, new PrintStream(out, true, StandardCharsets.UTF_8), "rejects",
				List.of(args));
		assertThat(exitCode).isEqualTo(AmbarCommand.OK);
		return out.toString(StandardCharsets.UTF_8);
	}

}
