package io.ambar.ops.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ambar.AmbarApplication;
import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator commands against a running server ({@code --server URL}): the thin client, with no Spring context of
 * its own, prints what the same command prints on the database, and maps refusals to the same exit codes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "ambar.security.operator-password=op-secret",
				"ambar.security.viewer-password=view-secret", "ambar.feed.roots=target/remote-feeds" })
@ExtendWith(OutputCaptureExtension.class)
class RemoteCommandsTests {

	private static final Path ROOT = Path.of("target", "remote-feeds").toAbsolutePath();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	private Path feed;

	@BeforeEach
	void catalogueAndFeed() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		this.jdbc.sql("TRUNCATE run_slot").update();
		StockTestData.seedProducts(this.jdbc, 3);
		Files.createDirectories(ROOT);
		this.feed = StockTestData.writeFeed(ROOT.resolve("stock.csv"),
				List.of(StockTestData.sku(1) + ",5", StockTestData.sku(2) + ",x", StockTestData.sku(3) + ",7"));
	}

	@AfterEach
	void cleanUp() {
		StockTestData.clean(this.jdbc, this.jobRepository);
	}

	@Test
	void runsAJobOnTheServerFollowsItAndReadsItBack(CapturedOutput output) throws Exception {
		int run = ambar("run", "stock-update", "file=" + this.feed, "max-reject-ratio=0.5", "--user", "operator:op-secret");

		assertThat(run).isZero();
		assertThat(output.getOut()).containsPattern("stock-update execution \\d+: COMPLETED")
			.contains("  applied     2", "  rejected    1", "rejects     java -jar ambar.jar rejects");
		long id = this.jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution").query(Long.class).single();

		assertThat(ambar("executions", "--json", "--user", "viewer:view-secret")).isZero();
		JsonNode page = JsonMapper.shared().readTree(lastJson(output.getOut()));
		assertThat(page.get("items").get(0).get("id").asLong()).isEqualTo(id);

		assertThat(ambar("execution", String.valueOf(id), "--user", "viewer:view-secret")).isZero();
		assertThat(output.getOut()).contains("steps:", "fingerprint", "parameters:", "file=" + this.feed);

		Path asFeed = ROOT.resolve("fix.csv");
		assertThat(ambar("rejects", String.valueOf(id), "--as-feed", asFeed.toString(), "--user", "viewer:view-secret"))
			.isZero();
		assertThat(Files.readString(asFeed)).isEqualTo("sku,quantity\n" + StockTestData.sku(2) + ",x\n");
		assertThat(output.getOut()).contains("1 rejected lines of execution " + id + " written to " + asFeed + " as a feed");
	}

	@Test
	void mapsRefusalsToTheSameExitCodesAsOnTheDatabase(CapturedOutput output) throws Exception {
		assertThat(ambar("abandon", "999999", "--user", "operator:op-secret")).isEqualTo(AmbarCommand.USAGE);
		assertThat(output.getErr()).contains("ambar abandon: no job execution 999999");

		assertThat(ambar("run", "stock-update", "file=" + this.feed, "--user", "viewer:view-secret"))
			.isEqualTo(AmbarCommand.USAGE);
		assertThat(output.getErr()).contains("ambar run: your role may not do this");

		assertThat(ambar("jobs", "--user", "viewer:wrong")).isEqualTo(AmbarCommand.USAGE);
		assertThat(output.getErr()).contains("--user NAME:PASSWORD");

		assertThat(CommandLine.run(AmbarApplication.class,
				new String[] { "jobs", "--server", "http://localhost:1", "--user", "viewer:view-secret" }))
			.isEqualTo(AmbarCommand.FAILED);
		assertThat(output.getErr()).contains("cannot reach the server at http://localhost:1");
	}

	private int ambar(String... args) {
		String[] withServer = new String[args.length + 2];
		System.arraycopy(args, 0, withServer, 0, args.length);
		withServer[args.length] = "--server";
		withServer[args.length + 1] = "http://localhost:" + this.port;
		return CommandLine.run(AmbarApplication.class, withServer);
	}

	private static String lastJson(String out) {
		return out.substring(out.lastIndexOf("{\n  \"items\""));
	}

}
