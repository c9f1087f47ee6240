package io.ambar.ops;

import java.time.LocalDateTime;

import io.ambar.ops.ExecutionViews.Summary;
import io.ambar.stock.StockTestData;
import org.jspecify.annotations.Nullable;
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
 * A job's last run and last success, as the overview finds them: a restart of an older instance is newer than the
 * newest instance's run, and a job that never ran has neither.
 */
@SpringBootTest
class JobOverviewTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobOverview overview;

	@BeforeEach
	@AfterEach
	void clean() {
		StockTestData.clean(this.jdbc, this.jobRepository);
	}

	@Test
	void findsARestartOfAnOlderInstanceAsTheLastRunAndSuccess() {
		JobInstance older = instance(1);
		JobExecution failed = execution(older, BatchStatus.FAILED);
		JobExecution newer = execution(instance(2), BatchStatus.COMPLETED);
		assertThat(id(this.overview.job("stock-update").state().last())).isEqualTo(newer.getId());

		JobExecution restarted = execution(older, BatchStatus.COMPLETED);

		JobOverview.JobState state = this.overview.job("stock-update").state();
		assertThat(id(state.last())).isEqualTo(restarted.getId());
		assertThat(id(state.lastSuccess())).isEqualTo(restarted.getId());
		assertThat(failed.getId()).isLessThan(newer.getId());
	}

	@Test
	void findsTheLastSuccessBehindNewerFailuresAndNothingForAJobThatNeverRan() {
		JobExecution completed = execution(instance(1), BatchStatus.COMPLETED);
		JobExecution failed = execution(instance(2), BatchStatus.FAILED);

		JobOverview.JobState state = this.overview.job("stock-update").state();
		assertThat(id(state.last())).isEqualTo(failed.getId());
		assertThat(id(state.lastSuccess())).isEqualTo(completed.getId());
		assertThat(this.overview.job("product-sync").state().last()).isNull();
		assertThat(this.overview.job("product-sync").state().lastSuccess()).isNull();
	}

	private JobInstance instance(long runId) {
		JobParameters parameters = new JobParametersBuilder().addString("file", "/feeds/stock-" + runId + ".csv")
			.addLong("run.id", runId)
			.toJobParameters();
		return this.jobRepository.createJobInstance("stock-update", parameters);
	}

	private JobExecution execution(JobInstance instance, BatchStatus status) {
		JobParameters parameters = new JobParametersBuilder().addString("file", "/feeds/stock-" + instance.getId() + ".csv")
			.addLong("run.id", instance.getInstanceId())
			.toJobParameters();
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		execution.setEndTime(LocalDateTime.now());
		execution.setStatus(status);
		this.jobRepository.update(execution);
		return execution;
	}

	private static @Nullable Long id(@Nullable Summary summary) {
		return (summary != null) ? summary.id() : null;
	}

}
