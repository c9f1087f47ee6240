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
	void printsAMarkdownTableOfEveryScenarioWithTheSqlReferencesPlainAndTheTargets() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		Path results = this.dir.resolve("results.md");

		int exit = this.bench.run(List.of("rows=2000", "perrow-rows=200", "repeat=2", "dir=" + this.dir,
				"out=" + results), new PrintStream(printed, true, StandardCharsets.UTF_8));

		String report = printed.toString(StandardCharsets.UTF_8);
		assertThat(exit).isZero();
		assertThat(report).contains("### S1 stock", "### S2 stock", "### P1 products", "### P2 products")
			.contains("| contender | rows | runs | seconds: median (min–max) | rows/s | vs (a) | vs (a') | vs (b) |"
					+ " peak heap (MB) | end state |")
			.contains("| (a) raw: COPY + one UPDATE | 2,000 | 2 |",
					"| (a') smart raw: COPY + one UPDATE of the rows that differ | 2,000 | 2 |",
					"| (b) plain Spring Batch (bench-plain-stock) | 2,000 | 1 |")
			.contains("| (a) raw: COPY + one INSERT ON CONFLICT | 2,000 | 2 |",
					"| (a') smart raw: COPY + one upsert of the rows whose content differs | 2,000 | 2 |",
					"| (a'') typed CSV (prepared untimed): COPY + one INSERT ON CONFLICT | 2,000 | 2 |",
					"| (b) plain Spring Batch (bench-plain-product) | 2,000 | 1 |")
			.contains("| (d) one autocommitted UPDATE per row (sample) | 200 | 1 |")
			.contains("### Targets (issue 11)", "| warm P1 (all new) ≥ 1.0x typed CSV (a'') |",
					"| cold S1 ≥ 1.0x raw (a), whole process | not measured in this run | – |")
			.containsPattern("\\(c\\) Ambar stock-update, steps of its last run \\(job repository\\): fingerprint [0-9.]+ s,"
					+ " load [0-9.]+ s")
			.doesNotContain("DIFFERS", "failed");
		assertThat(Files.readString(results)).isEqualTo(report);
		assertThat(this.jdbc.sql("SELECT count(*) FROM products").query(Long.class).single()).isZero();
	}

	@Test
	void coldModeRunsTheSqlReferencesAsPsqlProcessesAndSaysWhyAmbarCouldNotStart() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		int exit = this.bench.run(List.of("rows=500", "only=stock", "mode=cold", "repeat=1", "contenders=raw,smart,ambar",
				"jar=" + this.dir.resolve("none.jar"), "dir=" + this.dir, "out=" + this.dir.resolve("cold.md")),
				new PrintStream(printed, true, StandardCharsets.UTF_8));

		String report = printed.toString(StandardCharsets.UTF_8);
		assertThat(exit).as(report).isZero();
		assertThat(report).contains("### S1 stock: every row changed (500 feed lines), cold: each run a fresh process")
			.contains("| (c) Ambar stock-update | `java -jar ambar.jar run` | n/a: no jar at ")
			.contains("### Start-up: fresh processes, wall time", "| `java -jar ambar.jar run stock-update` (3-line feed) | n/a: no jar at ")
			.containsPattern("\\| \\(a'\\) smart raw: COPY \\+ one UPDATE of the rows that differ \\| `psql -f` \\(`\\\\copy` \\+ SQL\\) \\|"
					+ " (500 \\| 1 \\| .* \\| same|n/a: psql not on the PATH) \\|")
			.doesNotContain("DIFFERS", "failed");
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
	void timesAmbarObservedWithAndWithoutItemObservationsAsACommand() throws Exception {
		Path results = this.dir.resolve("observed.md");
		int exit = CommandLine.run(AmbarApplication.class, new String[] { "bench", "rows=300", "only=stock",
				"contenders=raw,ambar,observed,observed-items", "dir=" + this.dir, "out=" + results });

		assertThat(exit).isZero();
		assertThat(Files.readString(results))
			.contains("| (c1) Ambar stock-update, observed, item observations off | 300 |",
					"| (c2) Ambar stock-update, observed, item observations on | 300 |")
			.doesNotContain("DIFFERS", "failed");
	}

	@Test
	void timesLaunchesAndListsOnASmallAndAFullRepositoryThenHousekeeping() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		int exit = this.bench.run(List.of("only=repository", "past=1000", "reps=1", "dir=" + this.dir,
				"out=" + this.dir.resolve("results.md")), new PrintStream(printed, true, StandardCharsets.UTF_8));

		String report = printed.toString(StandardCharsets.UTF_8);
		assertThat(exit).isZero();
		assertThat(report).contains("### R1 repository: launch and list with 1,000 past executions")
			.contains("| operation | 60 executions (one page) | 1,000 past executions | ratio |")
			.contains("| launch stock-update (3-line feed) and run it to its end |",
					"| list executions by parameter value (file=the bench feed) |")
			.containsPattern("Housekeeping at its default ages then took [0-9.]+ s and deleted: .*executions [0-9,]+")
			.doesNotContain("### S1");
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM products WHERE sku LIKE 'BENCH-R-%'").query(Long.class).single()).isZero();
	}

	@Test
	void timesEveryConsolePageOverHttpWithThePastExecutions() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		int exit = this.bench.run(List.of("only=console", "past=3000", "reps=3", "dir=" + this.dir,
				"out=" + this.dir.resolve("console.md")), new PrintStream(printed, true, StandardCharsets.UTF_8));

		String report = printed.toString(StandardCharsets.UTF_8);
		assertThat(exit).as(report).isZero();
		assertThat(report).contains("| page | URL | median of 3 (ms) | max (ms) | within 200 ms |")
			.contains("| overview | `/console` |", "| executions: next page |", "| executions: parameter value |",
					"| execution | `/console/executions/", "| rejects: lines 5,001-5,100 |", "| orphans |", "| audit log |")
			.contains("- Repository: 3,001 job executions")
			.doesNotContain("failed");
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single()).isZero();
	}

	@Test
	void keepsItsPlainJobsOutOfTheApplication() {
		assertThat(this.application.getBeanNamesForType(Job.class)).noneMatch(name -> name.startsWith("benchPlain"));
	}

}
