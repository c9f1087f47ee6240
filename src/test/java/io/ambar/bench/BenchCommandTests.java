package io.ambar.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ambar.AmbarApplication;
import io.ambar.ops.cli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class BenchCommandTests {

	@Autowired
	BenchCommand bench;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext application;

	@TempDir
	Path dir;

	@Test
	void printsAMarkdownTableOfEveryScenarioWithTheRawAndPlainContenders() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		Path results = this.dir.resolve("results.md");

		int exit = this.bench.run(List.of("rows=2000", "perrow-rows=200", "dir=" + this.dir, "out=" + results),
				new PrintStream(printed, true, StandardCharsets.UTF_8));

		String report = printed.toString(StandardCharsets.UTF_8);
		assertThat(exit).isZero();
		assertThat(report).contains("### S1 stock", "### S2 stock", "### P1 products", "### P2 products")
			.contains("| contender | rows | seconds | rows/s | vs (a) | vs (b) | peak heap (MB) | end state |")
			.contains("| (a) raw: COPY + one UPDATE | 2,000 |", "| (b) plain Spring Batch (bench-plain-stock) | 2,000 |")
			.contains("| (a) raw: COPY + one INSERT ON CONFLICT | 2,000 |",
					"| (b) plain Spring Batch (bench-plain-product) | 2,000 |")
			.contains("| (d) one autocommitted UPDATE per row (sample) | 200 |")
			.doesNotContain("DIFFERS", "failed");
		assertThat(Files.readString(results)).isEqualTo(report);
		assertThat(this.jdbc.sql("SELECT count(*) FROM products").query(Long.class).single()).isZero();
	}

	@Test
	void theCommandWorksInADatabaseOfItsOwnAndNeverTouchesTheCatalogue() {
		this.jdbc.sql("INSERT INTO products (sku, name, price, currency, stock_quantity) VALUES ('MINE-1', 'Mine', 1, 'EUR', 7)")
			.update();
		try {
			int exit = CommandLine.run(AmbarApplication.class, new String[] { "bench", "rows=300", "only=stock",
					"contenders=raw,ambar", "dir=" + this.dir, "out=" + this.dir.resolve("results.md") });

			assertThat(exit).isZero();
			assertThat(this.jdbc.sql("SELECT sku || ':' || stock_quantity FROM products").query(String.class).list())
				.containsExactly("MINE-1:7");
			assertThat(this.jdbc.sql("SELECT count(*) FROM pg_database WHERE datname = 'ambar_bench'")
				.query(Long.class)
				.single()).isOne();
		}
		finally {
			this.jdbc.sql("DELETE FROM products").update();
		}
	}

	@Test
	void timesEveryConsolePageOverHttpWithTheSeededExecutions() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		int exit = this.bench.run(List.of("only=console", "executions=3000", "requests=3", "dir=" + this.dir,
				"out=" + this.dir.resolve("console.md")), new PrintStream(printed, true, StandardCharsets.UTF_8));

		String report = printed.toString(StandardCharsets.UTF_8);
		assertThat(exit).as(report).isZero();
		assertThat(report).contains("| page | URL | median (ms) | p90 (ms) | max (ms) | within 200 ms |")
			.contains("| overview | `/console` |", "| executions: next page |", "| executions: parameter value |",
					"| execution | `/console/executions/", "| rejects: lines 5,001-5,100 |", "| orphans |", "| audit log |")
			.contains("3,002 job executions")
			.doesNotContain("failed");
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_execution WHERE status = 'STARTED'").query(Long.class).single())
			.isEqualTo(3);
		this.jdbc.sql("TRUNCATE feed_reject, audit_log").update();
	}

	@Test
	void keepsItsPlainJobsOutOfTheApplication() {
		assertThat(this.application.getBeanNamesForType(Job.class)).noneMatch(name -> name.startsWith("benchPlain"));
	}

}
