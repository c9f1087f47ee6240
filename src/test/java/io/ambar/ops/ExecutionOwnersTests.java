package io.ambar.ops;

import java.time.Duration;
import java.time.LocalDateTime;

import io.ambar.stock.StockTestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
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
 * A run whose job ended but whose last update failed on the version (another process wrote its row in between, as
 * an operator's stop from another node does) is written by its owner's heartbeat, and forgotten, instead of staying
 * STOPPING under a live owner.
 */
@SpringBootTest
class ExecutionOwnersTests {

	@Autowired
	JobRepository jobRepository;

	@Autowired
	ExecutionOwners owners;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	@AfterEach
	void clean() {
		StockTestData.clean(this.jdbc, this.jobRepository);
	}

	@Test
	void writesTheEndOfARunWhoseLastUpdateFailedAndForgetsIt() throws Exception {
		JobExecution execution = endedWithItsLastUpdateLost(LocalDateTime.now().minusMinutes(5));

		this.owners.settleEnded(Duration.ofMinutes(2));

		JobExecution stored = this.jobRepository.getJobExecution(execution.getId());
		assertThat(stored.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(stored.getEndTime()).isNotNull();
		assertThat(stored.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
		assertThat(this.owners.runsHere(execution.getId())).isFalse();
		assertThat(this.owners.owner(execution.getId())).isEmpty();
	}

	@Test
	void leavesARunThatJustEndedToItsJob() throws Exception {
		JobExecution execution = endedWithItsLastUpdateLost(LocalDateTime.now());

		this.owners.settleEnded(Duration.ofMinutes(2));

		assertThat(this.jobRepository.getJobExecution(execution.getId()).getStatus()).isEqualTo(BatchStatus.STOPPING);
		assertThat(this.owners.runsHere(execution.getId())).isTrue();
		this.owners.afterJob(execution);
	}

	/**
	 * A run of this JVM that another process asked to stop through the repository just as its job ended: the job's
	 * last update failed on the version, so the row says STOPPING and the job's listeners never ran.
	 */
	private JobExecution endedWithItsLastUpdateLost(LocalDateTime end) throws Exception {
		JobParameters parameters = new JobParametersBuilder().addLong("run.id", System.nanoTime()).toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance("settle-test", parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now().minusMinutes(10));
		execution.setStatus(BatchStatus.STARTED);
		this.jobRepository.update(execution);
		this.owners.beforeJob(execution);

		JobExecution stopRequest = this.jobRepository.getJobExecution(execution.getId());
		stopRequest.setStatus(BatchStatus.STOPPING);
		this.jobRepository.update(stopRequest);

		execution.setStatus(BatchStatus.COMPLETED);
		execution.setExitStatus(ExitStatus.COMPLETED);
		execution.setEndTime(end);
		return execution;
	}

}
