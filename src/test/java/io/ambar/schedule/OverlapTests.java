package io.ambar.schedule;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Overlap policies with real Quartz firing every second, while the first run is held: the test holds the lock the
 * stock-update job's first step takes, so that the run stays running as long as the test wants.
 */
@ScheduleTest
class OverlapTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	DataSource dataSource;

	@TempDir
	Path dir;

	ScheduleFixture fixture;

	Path feed;

	@BeforeEach
	void catalogueAndFeed() throws Exception {
		this.fixture = new ScheduleFixture(this.context, this.dir);
		this.fixture.clean();
		StockTestData.seedProducts(this.fixture.jdbc, 3);
		this.feed = StockTestData.writeFeed(this.dir.resolve("stock.csv"),
				List.of(StockTestData.sku(1) + ",5", StockTestData.sku(2) + ",0"));
	}

	@AfterEach
	void stop() throws Exception {
		this.fixture.clean();
	}

	@Test
	void forbidSkipsAndCountsFiringsDuringALongRun() throws Exception {
		schedule("forbid");
		Instant released;
		try (Connection lock = holdFeedLock()) {
			this.fixture.start();
			awaitRuns(1);
			await().atMost(Duration.ofSeconds(60)).until(() -> this.fixture.entry("every-second").skippedOverlaps() >= 2);
			assertThat(this.fixture.runs("every-second")).singleElement()
				.extracting(ScheduleFixture.Run::status)
				.isEqualTo("STARTED");
			released = Instant.now();
			lock.commit();
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.fixture.runs("every-second").get(0).status().equals("COMPLETED"));
		this.fixture.standby();
		await().atMost(Duration.ofSeconds(60)).until(() -> this.fixture.scheduler.getCurrentlyExecutingJobs().isEmpty());

		List<ScheduleFixture.Run> runs = this.fixture.runs("every-second");
		assertNoTwoOverlap(runs);
		// the firings while the first run was held were skipped, not run late
		assertThat(runs.subList(1, runs.size())).allSatisfy(run -> assertThat(run.fireTime()).isAfter(released));
	}

	@Test
	void queueRunsOneFiringWhenTheLongRunEndsAndSkipsTheRest() throws Exception {
		schedule("queue");
		Instant released;
		try (Connection lock = holdFeedLock()) {
			this.fixture.start();
			awaitRuns(1);
			// the second firing waits its turn; the ones after it are skipped
			await().atMost(Duration.ofSeconds(60)).until(() -> this.fixture.entry("every-second").skippedOverlaps() >= 2);
			assertThat(this.fixture.runs("every-second")).singleElement()
				.extracting(ScheduleFixture.Run::status)
				.isEqualTo("STARTED");
			released = Instant.now();
			lock.commit();
		}
		List<ScheduleFixture.Run> runs = await().atMost(Duration.ofSeconds(60))
			.until(() -> this.fixture.runs("every-second"),
					all -> all.size() >= 2 && all.get(1).end() != null);
		this.fixture.standby();

		ScheduleFixture.Run first = runs.get(0);
		ScheduleFixture.Run queued = runs.get(1);
		assertThat(first.status()).isEqualTo("COMPLETED");
		assertThat(queued.status()).isEqualTo("COMPLETED");
		// the queued run stands for a firing while the first was held, and started once it ended
		assertThat(queued.fireTime()).isAfter(first.fireTime()).isBefore(released);
		assertThat(queued.start()).isAfterOrEqualTo(first.end());
		await().atMost(Duration.ofSeconds(60)).until(() -> this.fixture.scheduler.getCurrentlyExecutingJobs().isEmpty());
		assertNoTwoOverlap(this.fixture.runs("every-second"));
	}

	private void schedule(String overlap) throws Exception {
		this.fixture.write("every-second", """
				job: stock-update
				cron: "* * * * * ?"
				parameters: { file: %s }
				overlap: %s
				""".formatted(this.feed, overlap));
		this.fixture.reconcile();
	}

	/** Holds, in an open transaction, the lock the job's fingerprint step takes: runs wait there. */
	private Connection holdFeedLock() throws Exception {
		Connection connection = this.dataSource.getConnection();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_advisory_xact_lock(hashtextextended('ambar.feed-application:stock-update', 0))");
		}
		return connection;
	}

	private List<ScheduleFixture.Run> awaitRuns(int count) {
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> this.fixture.runs("every-second"), runs -> runs.size() >= count);
	}

	private static void assertNoTwoOverlap(List<ScheduleFixture.Run> runs) {
		for (int i = 1; i < runs.size(); i++) {
			assertThat(runs.get(i).start()).as("run %d starts after run %d ends", runs.get(i).id(), runs.get(i - 1).id())
				.isAfterOrEqualTo(runs.get(i - 1).end());
		}
	}

}
