package io.ambar.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.quartz.autoconfigure.QuartzTransactionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Misfire policies with real Quartz, after the scheduler was down across fire times: the schedules fire every hour
 * of 2020-01-01 (or once, at its midnight), their trigger starts at 23:30 the day before, and the test's clock says
 * the scheduler is back at 05:30.
 */
@ScheduleTest
class MisfireTests {

	private static final Instant DOWN = Instant.parse("2019-12-31T23:30:00Z");

	private static final Instant BACK = Instant.parse("2020-01-01T05:30:00Z");

	@Autowired
	ApplicationContext context;

	@Autowired
	@QuartzTransactionManager
	PlatformTransactionManager quartzTransactions;

	@TempDir
	Path dir;

	ScheduleFixture fixture;

	Path feed;

	@BeforeEach
	void catalogueAndFeed() throws Exception {
		this.fixture = new ScheduleFixture(this.context, this.dir);
		this.fixture.clean();
		StockTestData.seedProducts(this.fixture.jdbc, 2);
		this.feed = StockTestData.writeFeed(this.dir.resolve("stock.csv"), List.of(StockTestData.sku(1) + ",7"));
	}

	@AfterEach
	void stop() throws Exception {
		this.fixture.clean();
	}

	@Test
	void skipRunsNoMissedTimeLateAndCountsThem() throws Exception {
		downAcross("0 0 * * * ? 2020", "misfire: skip");

		await().atMost(Duration.ofSeconds(60)).until(() -> this.fixture.entry("hourly").missedFirings() == 6);
		// 00:00 to 05:00 were missed; none is run, however long we wait for Quartz to look again
		await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
			.until(() -> this.fixture.runs("hourly").isEmpty());
	}

	@Test
	void runOnceRunsTheLastMissedTimeOnceHoweverManyWereMissed() throws Exception {
		downAcross("0 0 * * * ? 2020", "misfire: run-once\nmisfire-deadline: 8h");

		List<ScheduleFixture.Run> runs = await().atMost(Duration.ofSeconds(60))
			.until(() -> this.fixture.runs("hourly"), all -> !all.isEmpty() && "COMPLETED".equals(all.get(0).status()));
		await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
			.until(() -> this.fixture.runs("hourly").size() == 1);

		assertThat(runs.get(0).fireTime()).isEqualTo(Instant.parse("2020-01-01T05:00:00Z"));
		ScheduleLedger.Entry entry = this.fixture.entry("hourly");
		assertThat(entry.missedFirings()).isEqualTo(6);
		assertThat(entry.lastSuccessFireTime()).isEqualTo(Instant.parse("2020-01-01T05:00:00Z"));
		assertThat(entry.lastStartDelay()).isEqualTo(Duration.ofMinutes(30));
		// the feed's as-of is the time the run stands for
		assertThat(this.fixture.jdbc.sql("SELECT stock_as_of FROM products WHERE sku = ?")
			.param(StockTestData.sku(1))
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()).isEqualTo(Instant.parse("2020-01-01T05:00:00Z"));
	}

	@Test
	void runOnceDoesNotRunAMissedTimeOlderThanTheDeadline() throws Exception {
		downAcross("0 0 0 1 1 ? 2020", "misfire: run-once\nmisfire-deadline: 4h");

		await().atMost(Duration.ofSeconds(60)).until(() -> this.fixture.entry("hourly").missedFirings() == 1);
		// midnight is 5h30 old at 05:30: past the deadline
		await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
			.until(() -> this.fixture.runs("hourly").isEmpty());
	}

	/**
	 * Reconciles the schedule with the clock at {@link #DOWN}, then starts the scheduler with the clock at
	 * {@link #BACK}. The clock moves in the transaction that stores the schedule, so that Quartz, which looks for
	 * missed times on its own, finds them only once the clock says the scheduler is back.
	 */
	private void downAcross(String cron, String policy) throws Exception {
		this.fixture.write("hourly", """
				job: stock-update
				cron: "%s"
				parameters: { file: %s }
				%s
				""".formatted(cron, this.feed, policy));
		this.fixture.clock.set(DOWN);
		new TransactionTemplate(this.quartzTransactions).executeWithoutResult(status -> {
			this.fixture.reconcile();
			this.fixture.clock.set(BACK);
		});
		this.fixture.start();
	}

}
