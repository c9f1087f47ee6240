package io.ambar.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.ambar.cache.LocalRedis;
import io.ambar.feed.FeedSummary;
import io.ambar.ops.Actor;
import io.ambar.ops.JobLaunches;
import io.ambar.schedule.ScheduleService;
import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server on a random port, as Prometheus sees it: runs stock-update and product-sync, and a scheduled firing of
 * stock-update, then scrapes {@code /actuator/prometheus} and checks the names, tags and values of the meters against
 * the runs' own counts and records; and that every metric the Grafana dashboard and the alert rules use is one the
 * scrape holds.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "spring.quartz.auto-startup=true",
				"ambar.security.operator-password=op-secret", "ambar.metrics.refresh-interval=300ms",
				"ambar.cache.key-prefix=ambar-metrics-test:" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusScrapeTests {

	private static final Path DIR = Path.of("target", "metrics-test").toAbsolutePath();

	private static final String SCHEDULE = "metrics-nightly";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobLaunches launches;

	@Autowired
	ScheduleService schedules;

	private final HttpClient http = HttpClient.newHttpClient();

	private JobExecution stock;

	private JobExecution product;

	private JobExecution scheduled;

	private Scrape scrape;

	/** The schedule's file, read when the server starts, and its feed; Redis when one answers. */
	@DynamicPropertySource
	static void scheduleDirectory(DynamicPropertyRegistry registry) throws IOException {
		Path schedules = DIR.resolve("schedules");
		Files.createDirectories(schedules);
		Path feed = StockTestData.writeFeed(DIR.resolve("scheduled-stock.csv"),
				List.of(StockTestData.sku(1) + ",41", StockTestData.sku(2) + ",42", StockTestData.sku(3) + ",43"));
		Files.writeString(schedules.resolve(SCHEDULE + ".yml"), """
				job: stock-update
				cron: "0 0 2 * * ?"
				zone: UTC
				parameters: { file: %s }
				""".formatted(feed), StandardCharsets.UTF_8);
		registry.add("ambar.schedule.dir", schedules::toString);
		if (LocalRedis.answers()) {
			registry.add("spring.data.redis.host", () -> LocalRedis.HOST);
			registry.add("spring.data.redis.port", () -> LocalRedis.PORT);
		}
	}

	@BeforeAll
	void runTheJobsAndAFiring() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		StockTestData.seedProducts(this.jdbc, 5);
		Path stockFeed = StockTestData.writeFeed(DIR.resolve("stock.csv"),
				List.of(StockTestData.sku(1) + ",5", StockTestData.sku(2) + ",x", StockTestData.sku(3) + ",10",
						StockTestData.sku(4) + ",7", StockTestData.sku(4) + ",8", "SKU-9999999,3",
						StockTestData.sku(5) + ",-1"));
		this.stock = run("stock-update", Map.of("file", stockFeed.toString(), "max-reject-ratio", "0.9"));
		Path productFeed = Files.writeString(DIR.resolve("products.csv"), """
				sku,name,price,currency,brand,active
				NEW-1,Anvil,12.50,EUR,Acme,
				NEW-2,Hammer,3.00,EUR,Acme,
				%s,Renamed,9.99,EUR,,
				NEW-3,Broken,twelve,EUR,,
				""".formatted(StockTestData.sku(1)), StandardCharsets.UTF_8);
		this.product = run("product-sync", Map.of("file", productFeed.toString(), "max-reject-ratio", "0.9"));
		this.schedules.trigger(SCHEDULE);
		await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(this.jdbc
			.sql("SELECT last_status FROM ambar_schedule WHERE name = ?").param(SCHEDULE).query(String.class).optional()
			.orElse(null)));
		long scheduledId = this.jdbc.sql("SELECT last_success_execution_id FROM ambar_schedule WHERE name = ?")
			.param(SCHEDULE)
			.query(Long.class)
			.single();
		// the schedule's status is written as its run ends, before the run's own last update
		await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(this.jdbc
			.sql("SELECT status FROM batch_job_execution WHERE job_execution_id = ?").param(scheduledId)
			.query(String.class).single()));
		this.scheduled = this.jobRepository.getJobExecution(scheduledId);
		get("/api/products/" + StockTestData.sku(1));
		get("/api/products/" + StockTestData.sku(1));
		// the gauges read from the database once the schedule's success and its run's end are in a reading
		double scheduledEnd = epochSeconds(this.scheduled);
		await().atMost(Duration.ofSeconds(30)).until(() -> scrape()
			.value("ambar_schedule_last_success_timestamp_seconds", "schedule", SCHEDULE)
			.filter(v -> !v.isNaN())
			.isPresent() && scrape().value("ambar_job_last_success_timestamp_seconds", "job", "product-sync")
				.filter(v -> !v.isNaN()).isPresent()
				&& scrape().value("ambar_job_last_end_timestamp_seconds", "job", "stock-update")
					.filter(v -> v == scheduledEnd).isPresent());
		this.scrape = scrape();
		Files.writeString(DIR.resolve("scrape.txt"), this.scrape.text());
	}

	@Test
	void itemCountersMatchTheRunsOwnCountsPerJobAndStep() {
		assertThat(this.stock.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.product.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.scheduled.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, Long> stockCounts = sum(FeedSummary.of(this.stock).counts(), FeedSummary.of(this.scheduled).counts());
		Map<String, Long> productCounts = FeedSummary.of(this.product).counts();
		assertThat(stockCounts).containsEntry("read", 10L).containsEntry("rejected.INVALID_QUANTITY", 2L)
			.containsEntry("rejected.UNKNOWN_SKU", 1L).containsEntry("superseded", 1L);
		assertThat(productCounts).containsEntry("inserted", 2L).containsEntry("updated", 1L);

		assertCounter("ambar_items_read_total", "stock-update", "load", stockCounts.get("read"));
		assertCounter("ambar_items_applied_total", "stock-update", "apply", stockCounts.get("applied"));
		assertCounter("ambar_items_unchanged_total", "stock-update", "classify", stockCounts.get("unchanged"));
		assertCounter("ambar_items_superseded_total", "stock-update", "classify", stockCounts.get("superseded"));
		assertCounter("ambar_items_stale_total", "stock-update", "classify", stockCounts.getOrDefault("stale", 0L));
		assertThat(this.scrape.value("ambar_items_rejected_total", "job", "stock-update", "step", "load", "reason",
				"INVALID_QUANTITY")).hasValue((double) stockCounts.get("rejected.INVALID_QUANTITY"));
		assertThat(this.scrape.value("ambar_items_rejected_total", "job", "stock-update", "step", "classify", "reason",
				"UNKNOWN_SKU")).hasValue(1.0);

		assertCounter("ambar_items_read_total", "product-sync", "load", productCounts.get("read"));
		assertCounter("ambar_items_inserted_total", "product-sync", "apply", 2L);
		assertCounter("ambar_items_updated_total", "product-sync", "apply", 1L);
		assertCounter("ambar_items_applied_total", "product-sync", "apply", 3L);
		assertThat(this.scrape.find("ambar_items_rejected_total", "job", "product-sync", "step", "load")
			.stream()
			.mapToDouble(Scrape.Sample::value)
			.sum()).isEqualTo((double) productCounts.get("rejected"));
		// registered at zero before any run
		assertCounter("ambar_items_deactivated_total", "product-sync", "deactivate", 0L);
	}

	@Test
	void jobsExecutionsAndStepsAreMeasured() {
		assertThat(this.scrape.value("ambar_job_executions_total", "job", "stock-update", "status", "COMPLETED"))
			.hasValue(2.0);
		assertThat(this.scrape.value("ambar_job_executions_total", "job", "product-sync", "status", "COMPLETED"))
			.hasValue(1.0);
		assertThat(this.scrape.value("ambar_job_executions_total", "job", "housekeeping", "status", "FAILED"))
			.hasValue(0.0);
		assertThat(this.scrape.value("ambar_job_last_success_timestamp_seconds", "job", "product-sync"))
			.hasValue(epochSeconds(this.product));
		assertThat(this.scrape.value("ambar_job_last_end_timestamp_seconds", "job", "stock-update"))
			.hasValue(epochSeconds(this.scheduled));
		assertThat(this.scrape.value("ambar_job_usual_duration_seconds", "job", "stock-update")).isPresent();
		assertThat(this.scrape.value("ambar_executions_running", "job", "stock-update")).hasValue(0.0);
		assertThat(this.scrape.value("ambar_job_running_longest_seconds", "job", "stock-update")).hasValue(0.0);
		assertThat(this.scrape.value("ambar_step_rows_per_second", "job", "stock-update", "step", "load")).hasValue(0.0);
		assertThat(this.scrape.value("ambar_executions_orphaned", "job", "stock-update")).hasValue(0.0);
		assertThat(this.scrape.value("ambar_recovery_orphans_total", "job", "stock-update")).hasValue(0.0);
		assertThat(this.scrape.value("ambar_recovery_restarts_total", "job", "product-sync")).hasValue(0.0);
		assertThat(this.scrape.value("ambar_executions_abandoned_total", "job", "product-sync")).hasValue(0.0);
		// one chunk write per load of a few lines, and the partitions of stock-update's apply as one step
		assertThat(this.scrape.value("ambar_chunk_write_seconds_count", "job", "stock-update", "step", "load"))
			.hasValue(2.0);
		assertThat(this.scrape.find("ambar_chunk_write_seconds_bucket", "job", "stock-update", "step", "apply-range"))
			.isNotEmpty();
		// Spring Batch's own observations, of the steps built inline too
		for (String step : List.of("fingerprint", "load", "classify", "check", "apply", "cache-refresh", "finish")) {
			assertThat(this.scrape.value("spring_batch_step_seconds_count", "spring_batch_step_job_name", "product-sync",
					"spring_batch_step_name", step, "spring_batch_step_status", "COMPLETED"))
				.as(step)
				.hasValue(1.0);
		}
		assertThat(this.scrape.find("spring_batch_job_seconds_count", "spring_batch_job_name", "stock-update"))
			.isNotEmpty();
	}

	@Test
	void schedulesTellLastSuccessNextFireIntervalAndDelay() {
		Map<String, Object> row = this.jdbc.sql("SELECT * FROM ambar_schedule WHERE name = ?")
			.param(SCHEDULE)
			.query()
			.singleRow();
		String[] tags = { "schedule", SCHEDULE, "job", "stock-update" };
		assertThat(this.scrape.value("ambar_schedule_last_success_timestamp_seconds", tags))
			.hasValue(((Timestamp) row.get("last_success_at")).getTime() / 1000.0);
		assertThat(this.scrape.value("ambar_schedule_last_end_timestamp_seconds", tags))
			.hasValue(((Timestamp) row.get("last_ended_at")).getTime() / 1000.0);
		assertThat(this.scrape.value("ambar_schedule_interval_seconds", tags)).hasValue(86_400.0);
		assertThat(this.scrape.value("ambar_schedule_next_fire_timestamp_seconds", tags).orElseThrow() % 86_400)
			.isEqualTo(2 * 3600.0);
		assertThat(this.scrape.value("ambar_schedule_start_delay_seconds", tags))
			.hasValue(((Number) row.get("last_start_delay_ms")).longValue() / 1000.0);
		assertThat(this.scrape.value("ambar_schedule_misfires_total", tags)).hasValue(0.0);
		assertThat(this.scrape.value("ambar_schedule_skipped_overlaps_total", tags)).hasValue(0.0);
	}

	@Test
	void springBootMetersAreOnAndNamed() {
		for (String pool : List.of("ambar", "ambar-quartz")) {
			for (String name : List.of("hikaricp_connections_active", "hikaricp_connections_idle",
					"hikaricp_connections_pending", "hikaricp_connections_max", "hikaricp_connections_acquire_seconds_count")) {
				assertThat(this.scrape.value(name, "pool", pool)).as(name + " " + pool).isPresent();
			}
		}
		assertThat(this.scrape.names()).contains("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
				"jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds", "system_cpu_count");
		assertThat(this.scrape.find("http_server_requests_seconds_bucket", "uri", "/api/products/{sku}")).isNotEmpty();
		assertThat(this.scrape.value("ambar_cache_requests_total", "level", "l1", "result", "hit")).isPresent();
	}

	@Test
	void healthTellsDatabaseSchedulerAndExecutions() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\"").contains("\"scheduler\"")
			.contains("\"executions\"");
		if (LocalRedis.answers()) {
			assertThat(health.body()).contains("\"redis\"");
		}
	}

	@Test
	void dashboardAndAlertRulesUseOnlyExportedMetrics() throws Exception {
		Set<String> exported = new TreeSet<>(this.scrape.names());
		// Prometheus's own, per target
		exported.add("up");
		if (!LocalRedis.answers()) {
			// registered only where Redis is configured
			exported.add("ambar_cache_breaker_state");
		}
		List<String> expressions = new ArrayList<>(MonitoringFiles.ruleExpressions());
		expressions.addAll(MonitoringFiles.dashboardExpressions());
		assertThat(expressions).hasSizeGreaterThan(30);
		Set<String> used = new TreeSet<>();
		expressions.forEach(expression -> used.addAll(MonitoringFiles.metricNames(expression)));
		assertThat(used).contains("ambar_schedule_last_success_timestamp_seconds", "ambar_items_rejected_total",
				"hikaricp_connections_pending", "ambar_cache_requests_total");
		assertThat(exported).containsAll(used);
	}

	private void assertCounter(String name, String job, String step, Long expected) {
		assertThat(expected).as(name + " expected").isNotNull();
		assertThat(this.scrape.value(name, "job", job, "step", step)).as(name + " " + job + " " + step)
			.hasValue(expected.doubleValue());
	}

	private JobExecution run(String job, Map<String, String> parameters) {
		return this.launches.start(this.launches.prepare(job, parameters, Actor.cli()), Actor.cli(), true);
	}

	private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
		Map<String, Long> sum = new HashMap<>(a);
		b.forEach((key, value) -> sum.merge(key, value, Long::sum));
		return sum;
	}

	private static double epochSeconds(JobExecution execution) {
		JobExecution stored = execution;
		return stored.getEndTime().atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli() / 1000.0;
	}

	Scrape scrape() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		return Scrape.parse(response.body());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
