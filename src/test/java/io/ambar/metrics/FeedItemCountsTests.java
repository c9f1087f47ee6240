package io.ambar.metrics;

import java.time.LocalDateTime;
import java.util.Map;

import io.ambar.feed.FeedSummary;
import io.ambar.stock.StockTestData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A feed run's counts reach the counters once per job instance: a failed execution publishes what its instance
 * counted so far, and its restart only what was counted since, whatever ends it.
 */
@SpringBootTest
class FeedItemCountsTests {

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcClient jdbc;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeEach
	@AfterEach
	void clean() {
		StockTestData.clean(this.jdbc, this.repository);
	}

	@Test
	void aRestartPublishesOnlyWhatItsInstanceCountedSince() {
		FeedItemCounts counts = new FeedItemCounts(this.meters, this.repository);
		counts.built("stock-update");
		JobParameters parameters = new JobParametersBuilder().addLong("run.id", System.nanoTime()).toJobParameters();
		JobInstance instance = this.repository.createJobInstance("stock-update", parameters);
		JobExecution failed = this.repository.createJobExecution(instance, parameters, new ExecutionContext());
		// classify committed its counts, then apply failed
		FeedSummary.of(failed).put(FeedSummary.READ, 10).put(FeedSummary.SUPERSEDED, 1)
			.putRejects(Map.of("INVALID_QUANTITY", 2L, "UNKNOWN_SKU", 1L));
		end(failed, BatchStatus.FAILED);
		counts.afterJob(failed);
		assertThat(count("ambar.items.read", "load")).isEqualTo(10);
		assertThat(count("ambar.items.applied", "apply")).isZero();

		// a restart carries the job's context over, as JobOperator.restart does
		JobExecution restarted = this.repository.createJobExecution(instance, parameters,
				this.repository.getJobExecution(failed.getId()).getExecutionContext());
		FeedSummary.of(restarted).put(FeedSummary.APPLIED, 6).put(FeedSummary.UNCHANGED, 0);
		end(restarted, BatchStatus.COMPLETED);
		counts.afterJob(restarted);
		counts.afterJob(restarted);

		assertThat(count("ambar.items.read", "load")).isEqualTo(10);
		assertThat(count("ambar.items.superseded", "classify")).isEqualTo(1);
		assertThat(count("ambar.items.applied", "apply")).isEqualTo(6);
		assertThat(this.meters.get("ambar.items.rejected").tag("reason", "INVALID_QUANTITY").tag("step", "load")
			.counter().count()).isEqualTo(2);
		assertThat(this.meters.get("ambar.items.rejected").tag("reason", "UNKNOWN_SKU").tag("step", "classify")
			.counter().count()).isEqualTo(1);
		assertThat(this.repository.getJobExecution(restarted.getId()).getExecutionContext()
			.getLong(FeedItemCounts.PUBLISHED + FeedSummary.APPLIED)).isEqualTo(6);
	}

	private double count(String name, String step) {
		return this.meters.get(name).tag("job", "stock-update").tag("step", step).counter().count();
	}

	private void end(JobExecution execution, BatchStatus status) {
		execution.setStartTime(LocalDateTime.now());
		execution.setEndTime(LocalDateTime.now());
		execution.setStatus(status);
		this.repository.update(execution);
		this.repository.updateExecutionContext(execution);
	}

}
