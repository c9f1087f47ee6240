package io.ambar.metrics;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run log's MDC: the execution id, job and step while they run, on the job's thread and on a partition worker's,
 * and nothing of them left after.
 */
class RunLogTests {

	private final RunLog log = new RunLog();

	private final JobExecution job = new JobExecution(42, new JobInstance(7, "stock-update"), new JobParameters());

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void putsTheExecutionJobAndStepInTheMdcWhileTheyRun() {
		this.log.beforeJob(this.job);
		assertThat(MDC.get(RunLog.EXECUTION_ID)).isEqualTo("42");
		assertThat(MDC.get(RunLog.JOB)).isEqualTo("stock-update");
		assertThat(MDC.get(RunLog.STEP)).isNull();

		StepExecution load = new StepExecution(1, "load", this.job);
		this.log.beforeStep(load);
		assertThat(MDC.get(RunLog.STEP)).isEqualTo("load");
		this.log.afterStep(load);
		assertThat(MDC.get(RunLog.STEP)).isNull();
		assertThat(MDC.get(RunLog.EXECUTION_ID)).isEqualTo("42");

		this.log.afterJob(this.job);
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void aPartitionWorkerThreadGetsTheMdcOfItsStepAndLosesItAfter() throws Exception {
		this.log.beforeJob(this.job);
		StepExecution apply = new StepExecution(2, "apply", this.job);
		this.log.beforeStep(apply);
		StepExecution worker = new StepExecution(3, "apply-range:partition0", this.job);

		String[] during = CompletableFuture.supplyAsync(() -> {
			this.log.beforeStep(worker);
			String[] seen = { MDC.get(RunLog.EXECUTION_ID), MDC.get(RunLog.JOB), MDC.get(RunLog.STEP) };
			this.log.afterStep(worker);
			assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
			return seen;
		}).get();

		assertThat(during).containsExactly("42", "stock-update", "apply-range:partition0");
		assertThat(MDC.get(RunLog.STEP)).isEqualTo("apply");
	}

	@Test
	void logsAStepWithItsCountsAndRowsPerSecond() {
		StepExecution load = new StepExecution(1, "load", this.job);
		load.setReadCount(1000);
		load.setWriteCount(990);
		load.setStartTime(java.time.LocalDateTime.now().minusSeconds(2));
		load.setEndTime(load.getStartTime().plusSeconds(2));

		assertThat(RunLog.stepLine(load)).startsWith("Step load of stock-update (execution 42)")
			.contains("in 2.0 s: read 1000, written 990", "500 rows/s");
	}

}
