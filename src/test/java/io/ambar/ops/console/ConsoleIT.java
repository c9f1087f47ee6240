package io.ambar.ops.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.ambar.ops.Actor;
import io.ambar.ops.ExecutionQueries;
import io.ambar.ops.JobLaunches;
import io.ambar.ops.ScheduleActions;
import io.ambar.ops.Schedules;
import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real headless Chromium against a real server on a random port: logging in as viewer and as
 * operator, watching a running job's progress move, restarting a failed execution to its end, pausing a schedule
 * with the keyboard (a real schedule, from a file the scheduler reconciles as a server starts), launching a feed and
 * downloading its rejects as a feed, a viewer who cannot act; every page at a desktop's and a phone's width, saved
 * as screenshots in {@code target/console-screenshots}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "ambar.security.operator-password=op-secret",
				"ambar.security.viewer-password=view-secret", "ambar.feed.roots=target/console-feeds",
				// the orphan of the screenshots stays one while they are taken
				"ambar.recovery.interval=2m",
				// the scheduler starts as a server's does, with the schedules of these files
				"spring.quartz.auto-startup=true", "ambar.schedule.dir=src/test/resources/console-schedules" })
@Import(ConsoleFixtures.class)
@EnabledIf(value = "io.ambar.ops.console.Browser#present",
		disabledReason = "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); .ci/run installs them")
class ConsoleIT {

	private static final Path ROOT = Path.of("target", "console-feeds").toAbsolutePath();

	private static final Actor SETUP = new Actor("operator", Actor.Channel.API);

	private static Browser browser;

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

	@Autowired
	ConsoleFixtures.Gate gate;

	@Autowired
	ConsoleFixtures.Flakiness flakiness;

	@Autowired
	ScheduleActions schedules;

	private Path feed;

	@BeforeEach
	void catalogueAndBrowser() throws Exception {
		StockTestData.clean(this.jdbc, this.jobRepository);
		this.schedules.list()
			.stream()
			.filter(Schedules.Schedule::paused)
			.forEach(schedule -> this.schedules.resume(schedule.name(), SETUP));
		this.jdbc.sql("TRUNCATE audit_log, run_slot").update();
		this.flakiness.set(false);
		StockTestData.seedProducts(this.jdbc, 3);
		this.feed = StockTestData.writeFeed(ROOT.resolve("console-stock.csv"),
				List.of(StockTestData.sku(1) + ",5", StockTestData.sku(2) + ",x", StockTestData.sku(3) + ",7"));
		if (browser == null) {
			// started with the first test, which knows the server's port; one browser for the class
			browser = new Browser(this.port);
		}
		browser.screen(1280, 900);
	}

	@AfterEach
	void endRunsAndClean() {
		this.gate.release(1_000_000);
		await().atMost(Duration.ofSeconds(60)).until(() -> this.jdbc.sql("""
				SELECT count(*) FROM batch_job_execution e WHERE status IN ('STARTING', 'STARTED', 'STOPPING')
				AND EXISTS (SELECT 1 FROM execution_owner o WHERE o.job_execution_id = e.job_execution_id
				            AND o.instance_id IN (SELECT instance_id FROM ambar_instance WHERE stopped_at IS NULL))""")
			.query(Long.class)
			.single() == 0);
		this.gate.drain();
		StockTestData.clean(this.jdbc, this.jobRepository);
	}

	@AfterAll
	static void closeTheBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	@Test
	void anOperatorWatchesARunningJobsProgressMoveWithoutReloading() throws Exception {
		Path lines = Files.write(ROOT.resolve("slow.csv"), numbered(40));
		long id = this.launches.launch("slow-feed", Map.of("file", lines.toString()), SETUP).getId();
		this.gate.release(3);
		browser.login("operator", "op-secret");

		By items = By.cssSelector("#running tr[data-execution='" + id + "'] .items");
		browser.untilText(items, "3");
		browser.script("window.notReloaded = true");
		this.gate.release(4);
		browser.untilText(items, "7");
		assertThat(browser.script("return window.notReloaded === true")).isEqualTo(true);
		assertThat(browser.find(By.cssSelector("#running tr[data-execution='" + id + "'] .eta")).getText()).isNotEqualTo("—");
		browser.screenshot("overview-progress");

		browser.open("/console/executions/" + id);
		browser.untilText(By.cssSelector("#progress .items"), "7");
		this.gate.release(5);
		browser.untilText(By.cssSelector("#progress .items"), "12");
		browser.screenshot("execution-running");
		this.gate.release(1_000);
		browser.untilText(By.id("status"), "COMPLETED");
	}

	@Test
	void anOperatorRestartsAFailedExecutionAndSeesItComplete() throws Exception {
		this.flakiness.set(true);
		long failed = runToTheEnd("flaky", Map.of());
		this.flakiness.set(false);
		browser.login("operator", "op-secret");
		browser.open("/console/executions/" + failed);

		assertThat(browser.find(By.id("status")).getText()).isEqualTo("FAILED");
		assertThat(browser.find(By.cssSelector(".failure")).getText()).contains("503 Service Unavailable");
		WebElement trace = browser.find(By.cssSelector("details.trace pre"));
		assertThat(trace.isDisplayed()).isFalse();
		browser.find(By.cssSelector("details.trace summary")).click();
		assertThat(trace.isDisplayed()).isTrue();
		browser.screenshot("execution-failed");

		browser.find(By.cssSelector("details[data-action=restart] summary")).click();
		browser.find(By.cssSelector("details[data-action=restart] button")).click();
		browser.until(driver -> !browser.url().endsWith("/console/executions/" + failed));
		assertThat(browser.find(By.cssSelector(".flash.done")).getText()).contains("restarts execution " + failed);
		browser.untilText(By.id("status"), "COMPLETED");
	}

	@Test
	void anOperatorPausesAScheduleWithTheKeyboard() throws Exception {
		browser.login("operator", "op-secret");
		browser.open("/console/schedules");
		By nightly = By.id("schedule-nightly-stock");
		assertThat(browser.find(nightly).getText()).contains("02:00", "Europe/Istanbul", "stock-update");
		browser.screenshot("schedules");

		browser.find(By.cssSelector("#schedule-nightly-stock details[data-action=pause] summary")).sendKeys(Keys.ENTER);
		browser.find(By.cssSelector("#schedule-nightly-stock details[data-action=pause] button")).sendKeys(Keys.ENTER);

		assertThat(browser.find(By.cssSelector(".flash.done")).getText()).contains("schedule nightly-stock paused");
		assertThat(browser.find(By.cssSelector("#schedule-nightly-stock .status-paused")).getText()).isEqualTo("paused");
		assertThat(browser.all(By.cssSelector("#schedule-nightly-stock details[data-action=resume]"))).hasSize(1);
		assertThat(this.schedules.list()).filteredOn(schedule -> schedule.name().equals("nightly-stock"))
			.singleElement()
			.satisfies(schedule -> assertThat(schedule.paused()).isTrue());
		browser.open("/console/audit");
		assertThat(browser.all(By.cssSelector("table.audit tbody tr")).stream().map(WebElement::getText))
			.anySatisfy(row -> assertThat(row).contains("operator", "(console)", "pause", "schedule nightly-stock", "DONE"));
	}

	@Test
	void anOperatorLaunchesAFeedFromItsFormAndDownloadsItsRejectsAsAFeed() throws Exception {
		browser.login("operator", "op-secret");
		browser.find(By.cssSelector("#job-stock-update a[href$='/console/jobs/stock-update/launch']")).click();
		browser.find(By.id("param-file")).sendKeys(this.feed.toString());
		browser.find(By.id("param-max-reject-ratio")).sendKeys("0.5");
		browser.screenshot("launch");
		browser.find(By.id("launch-check")).click();
		browser.find(By.id("launch-confirmed")).click();

		browser.untilText(By.id("status"), "COMPLETED");
		long id = Long.parseLong(browser.url().replaceAll(".*/", ""));
		browser.find(By.linkText("See the rejected lines and download them")).click();
		browser.find(By.id("download-feed")).click();

		Path downloaded = browser.downloaded("console-stock.rejects-" + id + ".csv");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Files.readString(downloaded)).isEqualTo("sku,quantity\n" + StockTestData.sku(2) + ",x\n"));
	}

	@Test
	void aViewerSeesNoActionAndTheServerRefusesTheirActionsAnyway() throws Exception {
		this.flakiness.set(true);
		long failed = runToTheEnd("flaky", Map.of());
		browser.login("viewer", "view-secret");

		for (String page : List.of("/console", "/console/executions", "/console/executions/" + failed, "/console/schedules",
				"/console/orphans")) {
			browser.open(page);
			assertThat(browser.find(By.cssSelector(".who")).getText()).as(page).contains("viewer (read only)");
			assertThat(browser.all(By.cssSelector("details.confirm, a[href*='/launch'], main form[method=post]"))).as(page)
				.isEmpty();
		}
		Object status = browser.asyncScript("""
				const done = arguments[arguments.length - 1];
				const token = document.querySelector('input[name=_csrf]').value;
				fetch(arguments[0], { method: 'POST', body: new URLSearchParams({ _csrf: token }) })
				  .then(response => done(response.status));""", "/console/executions/" + failed + "/restart");

		assertThat(status).isEqualTo(403L);
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single()).isOne();
	}

	@Test
	void everyPageFitsADesktopAndAPhoneScreen() throws Exception {
		runToTheEnd("stock-update", Map.of("file", this.feed.toString(), "max-reject-ratio", "0.5"));
		// a second run with other parameters: its page shows what changed
		long applied = runToTheEnd("stock-update",
				Map.of("file", this.feed.toString(), "max-reject-ratio", "0.4", "force", "true"));
		this.flakiness.set(true);
		long failed = runToTheEnd("flaky", Map.of());
		orphan();
		long running = this.launches.launch("slow-feed", Map.of("file", Files.write(ROOT.resolve("slow.csv"), numbered(40)).toString()),
				SETUP).getId();
		this.gate.release(12);
		Map<String, String> pages = Map.of("overview", "/console", "executions", "/console/executions", "execution",
				"/console/executions/" + applied, "execution-flaky", "/console/executions/" + failed, "rejects",
				"/console/executions/" + applied + "/rejects", "launch", "/console/jobs/stock-update/launch", "schedules",
				"/console/schedules", "orphans", "/console/orphans", "audit", "/console/audit");

		for (int width : List.of(1280, 390)) {
			browser.screen(width, (width < 600) ? 844 : 900);
			browser.open("/login");
			browser.screenshot("login");
			browser.login("operator", "op-secret");
			for (Map.Entry<String, String> page : pages.entrySet()) {
				browser.open(page.getValue());
				browser.find(By.cssSelector("footer.foot"));
				if (page.getKey().equals("overview")) {
					browser.untilText(By.cssSelector("#running tr[data-execution='" + running + "'] .items"), "12");
				}
				assertThat(browser.fitsTheScreen()).as(page.getKey() + " at " + width + " px").isTrue();
				browser.screenshot(page.getKey());
			}
		}
		assertThat(Files.list(Browser.SCREENSHOTS).map(Path::getFileName).map(Path::toString))
			.contains("overview-1280.png", "overview-390.png", "execution-1280.png", "audit-390.png");
	}

	private long runToTheEnd(String job, Map<String, String> parameters) {
		long id = this.launches.launch(job, parameters, SETUP).getId();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.queries.detail(id).summary().status(), status -> !status.startsWith("START"));
		return id;
	}

	/** A stock-update execution left STARTED by an instance that shut down, as a killed process leaves it. */
	private void orphan() {
		JobParameters parameters = new JobParametersBuilder().addString("file", this.feed.toString())
			.addLong("run.id", System.nanoTime())
			.toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance("stock-update", parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now().minusMinutes(3));
		execution.setStatus(BatchStatus.STARTED);
		this.jobRepository.update(execution);
		UUID owner = UUID.randomUUID();
		this.jdbc.sql("INSERT INTO ambar_instance (instance_id, host, pid, process_started_at, stopped_at)"
				+ " VALUES (?, 'worker-2', 4242, ?, now())")
			.params(owner, Timestamp.from(Instant.now().minusSeconds(3600)))
			.update();
		this.jdbc.sql("INSERT INTO execution_owner (job_execution_id, instance_id) VALUES (?, ?)")
			.params(execution.getId(), owner)
			.update();
	}

	private static List<String> numbered(int count) {
		List<String> lines = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			lines.add("line " + i);
		}
		return lines;
	}

}
