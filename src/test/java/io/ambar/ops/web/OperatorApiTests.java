package io.ambar.ops.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator API over real HTTP on a random port, as a client sees it: every endpoint, with the 400, 401, 403,
 * 404 and 409 answers as problem details, and the audit of what was done.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "ambar.security.operator-password=op-secret",
				"ambar.security.viewer-password=view-secret", "ambar.feed.roots=target/api-feeds" })
class OperatorApiTests {

	private static final Path ROOT = Path.of("target", "api-feeds").toAbsolutePath();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	DataSource dataSource;

	private final HttpClient http = HttpClient.newHttpClient();

	private Path feed;

	@BeforeEach
	void catalogueAndFeed() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		this.jdbc.sql("TRUNCATE audit_log, run_slot").update();
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
	void refusesAnonymousRequestsAndViewersActionsAsProblemDetails() throws Exception {
		HttpResponse<String> anonymous = get("/api/jobs", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(anonymous).get("status").asInt()).isEqualTo(401);
		assertThat(get("/api/jobs", "viewer:wrong").statusCode()).isEqualTo(401);

		HttpResponse<String> viewerLaunch = post("/api/jobs/stock-update/executions", "viewer:view-secret",
				"{\"parameters\":{\"file\":\"" + this.feed + "\"}}");
		assertThat(viewerLaunch.statusCode()).isEqualTo(403);
		assertThat(json(viewerLaunch).get("detail").asString()).contains("operator role");
		assertThat(post("/api/executions/1/restart", "viewer:view-secret", "").statusCode()).isEqualTo(403);
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single()).isZero();
	}

	@Test
	void listsAndDescribesJobs() throws Exception {
		JsonNode jobs = json(get("/api/jobs", "viewer:view-secret"));
		assertThat(jobs.valueStream().map(job -> job.get("name").asString())).contains("stock-update", "product-sync");

		JsonNode stock = json(get("/api/jobs/stock-update", "viewer:view-secret"));
		JsonNode ratio = stock.get("description").get("parameters").valueStream()
			.filter(p -> p.get("name").asString().equals("max-reject-ratio"))
			.findFirst()
			.orElseThrow();
		assertThat(ratio.get("type").asString()).isEqualTo("RATIO");
		assertThat(ratio.get("defaultValue").asString()).isEqualTo("0.05");
		assertThat(ratio.get("doc").asString()).isNotBlank();

		HttpResponse<String> unknown = get("/api/jobs/stock-updat", "viewer:view-secret");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json(unknown).get("detail").asString()).startsWith("unknown job 'stock-updat'");
	}

	@Test
	void refusesBadLaunchesSayingWhichParameterAndWhy() throws Exception {
		assertProblem(launch("{\"parameters\":{\"file\":\"" + this.feed + "\",\"max-reject-ratio\":\"lots\"}}"), 400,
				"max-reject-ratio must be a number from 0 to 1, not 'lots'");
		assertProblem(launch("{\"parameters\":{\"file\":\"" + this.feed + "\",\"forse\":\"true\"}}"), 400,
				"unknown parameter 'forse'");
		assertProblem(launch("{\"parameters\":{}}"), 400, "missing parameter 'file'");
		assertProblem(launch("{\"parameters\":{\"file\":\"" + ROOT.resolve("../api-feeds/../../pom.xml") + "\"}}"), 400,
				"is not under the feed roots");
		Path outside = Files.writeString(Path.of("target", "outside.csv").toAbsolutePath(), "sku,quantity\n");
		Path link = ROOT.resolve("link.csv");
		Files.deleteIfExists(link);
		Files.createSymbolicLink(link, outside);
		assertProblem(launch("{\"parameters\":{\"file\":\"" + link + "\"}}"), 400, "is not under the feed roots");
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'launch' AND outcome = 'REFUSED'")
			.query(Long.class)
			.single()).isEqualTo(5);
	}

	@Test
	void launchesInTheBackgroundAndShowsTheExecutionItsRejectsAndTheAudit() throws Exception {
		HttpResponse<String> launched = launch("{\"parameters\":{\"file\":\"" + this.feed + "\",\"max-reject-ratio\":\"0.5\"}}");
		assertThat(launched.statusCode()).isEqualTo(202);
		long id = json(launched).get("id").asLong();
		assertThat(launched.headers().firstValue("Location")).hasValue("/api/executions/" + id);

		JsonNode detail = await().atMost(Duration.ofSeconds(30))
			.until(() -> json(get("/api/executions/" + id, "viewer:view-secret")),
					execution -> execution.get("summary").get("status").asString().equals("COMPLETED"));
		assertThat(detail.get("summary").get("counts").get("applied").asLong()).isEqualTo(2);
		assertThat(detail.get("steps").valueStream().map(step -> step.get("name").asString())).contains("fingerprint",
				"load", "classify", "check", "finish");
		assertThat(detail.get("parameters").get("file").asString()).isEqualTo(this.feed.toString());
		assertThat(detail.get("rejectsByReason").get("INVALID_QUANTITY").asLong()).isOne();

		JsonNode list = json(get("/api/executions?job=stock-update&status=COMPLETED&parameter=file&value=" + this.feed,
				"viewer:view-secret"));
		assertThat(list.get("items").valueStream().map(e -> e.get("id").asLong())).containsExactly(id);
		assertThat(json(get("/api/executions?parameter=file&value=/nowhere.csv", "viewer:view-secret")).get("items"))
			.isEmpty();

		JsonNode rejects = json(get("/api/executions/" + id + "/rejects", "viewer:view-secret"));
		assertThat(rejects.get("byReason").get("INVALID_QUANTITY").asLong()).isOne();
		assertThat(rejects.get("page").get("items").get(0).get("line").asLong()).isEqualTo(3);
		HttpResponse<String> csv = get("/api/executions/" + id + "/rejects.csv", "viewer:view-secret");
		assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.body()).startsWith("line,reason,sku,detail,raw").contains("INVALID_QUANTITY");
		HttpResponse<String> asFeed = get("/api/executions/" + id + "/rejects/feed", "viewer:view-secret");
		assertThat(asFeed.body()).isEqualTo("sku,quantity\n" + StockTestData.sku(2) + ",x\n");
		assertThat(asFeed.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying(value -> assertThat(value).contains("stock.rejects-" + id + ".csv"));

		assertProblem(post("/api/executions/" + id + "/restart", "operator:op-secret", ""), 409, "is COMPLETED");
		assertProblem(post("/api/executions/" + id + "/stop", "operator:op-secret", ""), 409, "not running");
		assertProblem(post("/api/executions/" + id + "/abandon", "operator:op-secret", ""), 409, "nothing to abandon");
		assertProblem(post("/api/executions/" + id + "/recover", "operator:op-secret", ""), 409, "is COMPLETED");
		assertProblem(get("/api/executions/999999", "viewer:view-secret"), 404, "no job execution 999999");
		assertProblem(get("/api/executions?cursor=nonsense", "viewer:view-secret"), 400, "malformed cursor");
		assertProblem(get("/api/executions?status=DONE", "viewer:view-secret"), 400, "unknown status 'DONE'");

		JsonNode audit = json(get("/api/audit", "viewer:view-secret"));
		assertThat(audit.valueStream().map(entry -> entry.get("action").asString() + " " + entry.get("target").asString()
				+ " " + entry.get("actor").asString() + " " + entry.get("outcome").asString()))
			.contains("launch stock-update operator DONE", "restart execution " + id + " operator REFUSED");
	}

	@Test
	void pagesExecutionsWithAnOpaqueCursor() throws Exception {
		for (int i = 0; i < 3; i++) {
			long id = json(launch("{\"parameters\":{\"file\":\"" + this.feed + "\",\"max-reject-ratio\":\"0.5\",\"force\":\"true\"}}"))
				.get("id")
				.asLong();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> json(get("/api/executions/" + id, "viewer:view-secret")).get("summary").get("status").asString(),
						status -> !status.equals("STARTING") && !status.equals("STARTED"));
		}
		JsonNode first = json(get("/api/executions?limit=2", "viewer:view-secret"));
		JsonNode second = json(get("/api/executions?limit=2&cursor=" + first.get("next").asString(), "viewer:view-secret"));

		assertThat(first.get("items")).hasSize(2);
		assertThat(second.get("items")).hasSize(1);
		assertThat(second.get("next").isNull()).isTrue();
		assertThat(first.get("items").get(1).get("id").asLong()).isGreaterThan(second.get("items").get(0).get("id").asLong());
	}

	@Test
	void refusesASecondRunOfTheSameFileWhileTheFirstRunsAndStopsIt() throws Exception {
		try (Connection lock = this.dataSource.getConnection()) {
			// the first run waits in apply for a product the test holds
			lock.setAutoCommit(false);
			try (Statement statement = lock.createStatement()) {
				statement.execute("SELECT 1 FROM products WHERE sku = '" + StockTestData.sku(3) + "' FOR UPDATE");
			}
			long first = json(launch("{\"parameters\":{\"file\":\"" + this.feed + "\",\"max-reject-ratio\":\"0.5\"}}"))
				.get("id")
				.asLong();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> json(get("/api/executions/" + first, "viewer:view-secret")).get("steps").toString(),
						steps -> steps.contains("apply"));

			assertProblem(launch("{\"parameters\":{\"file\":\"" + this.feed + "\",\"force\":\"true\"}}"), 409,
					"one run at a time: execution " + first + " of stock-update is STARTED");
			JsonNode stopped = json(post("/api/executions/" + first + "/stop", "operator:op-secret", ""));
			assertThat(stopped.get("message").asString()).contains("stops at its next chunk boundary");
			lock.rollback();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> json(get("/api/executions/" + first, "viewer:view-secret")).get("summary").get("status").asString(),
						status -> status.equals("STOPPED") || status.equals("COMPLETED"));
		}
	}

	@Test
	void servesAnOpenApiDocumentGeneratedFromTheCode() throws Exception {
		JsonNode document = json(get("/v3/api-docs", null));

		assertThat(document.get("openapi").asString()).startsWith("3.");
		assertThat(document.get("paths").propertyNames()).contains("/api/jobs", "/api/jobs/{job}",
				"/api/jobs/{job}/executions", "/api/executions", "/api/executions/{id}", "/api/executions/{id}/rejects",
				"/api/executions/{id}/stop", "/api/executions/{id}/restart", "/api/executions/{id}/abandon",
				"/api/executions/{id}/recover", "/api/audit");
		assertThat(document.get("paths").get("/api/jobs/{job}/executions").get("post").get("responses").has("202")).isTrue();
	}

	private HttpResponse<String> launch(String body) throws Exception {
		return post("/api/jobs/stock-update/executions", "operator:op-secret", body);
	}

	private HttpResponse<String> get(String path, String credentials) throws Exception {
		return this.http.send(request(path, credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String credentials, String body) throws Exception {
		return this.http.send(request(path, credentials).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String credentials) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return request;
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.shared().readTree(response.body());
	}

	private static void assertProblem(HttpResponse<String> response, int status, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(response).get("detail").asString()).contains(detail);
	}

}
