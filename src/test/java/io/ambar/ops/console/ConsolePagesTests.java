package io.ambar.ops.console;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ambar.ops.Actor;
import io.ambar.ops.ExecutionQueries;
import io.ambar.ops.JobLaunches;
import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's pages over real HTTP, as a browser without JavaScript gets them: the login, what a viewer and an
 * operator see, actions confirmed and answered in words, the launch form checked by the layer, filters kept in
 * the URL. The real-browser tests are {@code ConsoleIT}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "ambar.security.operator-password=op-secret",
				"ambar.security.viewer-password=view-secret", "ambar.feed.roots=target/api-feeds" })
class ConsolePagesTests {

	private static final Path ROOT = Path.of("target", "api-feeds").toAbsolutePath();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobLaunches launches;

	@Autowired
	ExecutionQueries queries;

	private Path feed;

	@BeforeEach
	void catalogueAndFeed() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		this.jdbc.sql("TRUNCATE audit_log, run_slot").update();
		StockTestData.seedProducts(this.jdbc, 3);
		Files.createDirectories(ROOT);
		this.feed = StockTestData.writeFeed(ROOT.resolve("console-stock.csv"),
				List.of(StockTestData.sku(1) + ",5", StockTestData.sku(2) + ",x", StockTestData.sku(3) + ",7"));
	}

	@AfterEach
	void cleanUp() {
		StockTestData.clean(this.jdbc, this.jobRepository);
	}

	@Test
	void sendsAnonymousVisitorsToTheLoginPageAndRefusesAWrongPassword() throws Exception {
		ConsoleClient browser = new ConsoleClient(this.port);

		assertThat(browser.get("/console").headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login"));
		assertThat(browser.get("/console/running", "HX-Request", "true").headers().firstValue("HX-Redirect"))
			.hasValue("/login");
		assertThat(browser.login("viewer", "wrong").headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login?error"));
		HttpResponse<String> loggedIn = browser.login("viewer", "view-secret");
		assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/console"));
	}

	@Test
	void showsAViewerEveryPageWithoutActionControlsAndRefusesTheirActions() throws Exception {
		long id = runToTheEnd(Map.of("file", this.feed.toString(), "max-reject-ratio", "0.5"));
		ConsoleClient viewer = new ConsoleClient(this.port);
		viewer.login("viewer", "view-secret");

		Map<String, String> pages = Map.of("/console", "stock-update", "/console/executions", "#" + id,
				"/console/executions/" + id, "INVALID_QUANTITY", "/console/executions/" + id + "/rejects",
				"Rejects as a feed to fix and re-run", "/console/schedules", "No schedule", "/console/orphans", "No orphan",
				"/console/audit", "launch");
		for (Map.Entry<String, String> page : pages.entrySet()) {
			HttpResponse<String> response = viewer.get(page.getKey());
			assertThat(response.statusCode()).as(page.getKey()).isEqualTo(200);
			assertThat(response.body()).as(page.getKey())
				.contains(page.getValue(), "(read only)")
				.doesNotContain("class=\"confirm\"", "/launch\"");
		}
		HttpResponse<String> restart = viewer.post("/console/executions/" + id + "/restart", Map.of());
		assertThat(restart.statusCode()).isEqualTo(403);
		assertThat(restart.body()).contains("acting takes the operator role");
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single()).isOne();
	}

	@Test
	void confirmsAnActionOnThePageAndShowsTheLayersRefusalInWords() throws Exception {
		long id = runToTheEnd(Map.of("file", this.feed.toString(), "max-reject-ratio", "0.5"));
		ConsoleClient operator = new ConsoleClient(this.port);
		operator.login("operator", "op-secret");

		String page = operator.get("/console/executions/" + id).body();
		assertThat(page).doesNotContain("data-action=\"restart\"", "data-action=\"abandon\"");
		HttpResponse<String> refused = operator.follow(operator.post("/console/executions/" + id + "/restart", Map.of()));

		assertThat(refused.body()).contains("Refused:")
			.contains("execution " + id + " is COMPLETED; only a failed or stopped one can be restarted");
		assertThat(this.jdbc.sql("SELECT actor || ' ' || channel || ' ' || outcome FROM audit_log WHERE action = 'restart'")
			.query(String.class)
			.list()).containsExactly("operator console REFUSED");
	}

	@Test
	void checksTheLaunchFormWithTheLayerAndLaunchesOnlyOnceConfirmed() throws Exception {
		ConsoleClient operator = new ConsoleClient(this.port);
		operator.login("operator", "op-secret");
		String form = operator.get("/console/jobs/stock-update/launch").body();
		assertThat(form).contains("name=\"param.file\"", "name=\"param.max-reject-ratio\"", "default 0.05")
			.doesNotContain("name=\"param.run.id\"");

		HttpResponse<String> wrong = operator.post("/console/jobs/stock-update/launch",
				Map.of("param.file", this.feed.toString(), "param.max-reject-ratio", "lots"));
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("max-reject-ratio must be a number from 0 to 1, not &#39;lots&#39;")
			.contains("value=\"lots\"");

		HttpResponse<String> confirm = operator.post("/console/jobs/stock-update/launch",
				Map.of("param.file", this.feed.toString(), "param.max-reject-ratio", "0.5", "param.force", ""));
		assertThat(confirm.body()).contains("Launch with these parameters?", "Yes, launch");
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single()).isZero();

		HttpResponse<String> launched = operator.post("/console/jobs/stock-update/launch",
				Map.of("param.file", this.feed.toString(), "param.max-reject-ratio", "0.5", "confirmed", "true"));
		String location = launched.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches(".*/console/executions/[0-9]+");
		assertThat(operator.follow(launched).body()).contains("started");
		long id = Long.parseLong(location.replaceAll(".*/", ""));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.queries.detail(id).summary().status(), "COMPLETED"::equals);
	}

	@Test
	void keepsTheFiltersInTheUrlAndPagesWithTheLayersCursor() throws Exception {
		for (int i = 0; i < 3; i++) {
			runToTheEnd(Map.of("file", this.feed.toString(), "max-reject-ratio", "0.5", "force", "true"));
		}
		ConsoleClient viewer = new ConsoleClient(this.port);
		viewer.login("viewer", "view-secret");

		String first = viewer.get("/console/executions?job=stock-update&status=COMPLETED&parameter=force&value=true&limit=2").body();
		String next = first.replaceAll("(?s).*href=\"([^\"]*cursor=[^\"]*)\" rel=\"next\".*", "$1").replace("&amp;", "&");
		assertThat(next).contains("job=stock-update", "status=COMPLETED", "parameter=force", "value=true", "limit=2");
		String second = viewer.get(next).body();

		assertThat(rows(first)).hasSize(2);
		assertThat(rows(second)).hasSize(1);
		assertThat(second).doesNotContain("rel=\"next\"").contains(">Newest<");
		assertThat(viewer.get("/console/executions?cursor=nonsense").body()).contains("malformed cursor");
		HttpResponse<String> unknown = viewer.get("/console/executions/999999");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("no job execution 999999");
	}

	private static List<String> rows(String page) {
		return page.lines().filter(line -> line.contains("<tr data-execution=")).toList();
	}

	private long runToTheEnd(Map<String, String> parameters) {
		long id = this.launches.launch("stock-update", parameters, new Actor("operator", Actor.Channel.API)).getId();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.queries.detail(id).summary().status(), status -> !status.startsWith("START"));
		return id;
	}

}
