package io.ambar.housekeeping;

import java.time.Duration;

import io.ambar.feed.StagingTables;
import io.ambar.job.JobDescription;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The housekeeping job: {@code rejects} -> {@code executions} (job metadata, with what is left of their ledgers,
 * their claims, owners and slots) -> {@code audit} -> {@code staging} (leftover tables) -> {@code inbox} (processed
 * files). Each step deletes in chunks of {@code chunk-size}, one transaction each, so it never holds a long
 * transaction and a restart sweeps on from what the last one left. The counts go into the job's summary; rejects go
 * first so that their count is every ledger row a run deletes, as a dry run counts them.
 */
@Configuration(proxyBeanMethods = false)
class HousekeepingJobConfiguration {

	static final String JOB_NAME = "housekeeping";

	static final String EXECUTIONS = "executions";

	static final String REJECTS = "rejects";

	static final String AUDIT = "audit";

	static final String STAGING = "staging";

	static final String INBOX_FILES = "inbox-files";

	@Bean
	Job housekeepingJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
			StagingTables stagingTables, HousekeepingSettings settings, ObjectProvider<ObservationRegistry> observations) {
		// steps built here are not beans, which Spring Batch observes on its own
		Steps steps = new Steps(jobRepository, transactionManager, settings.chunkSize(),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
		return new JobBuilder(JOB_NAME, jobRepository).validator(HousekeepingParameters.validator())
			.listener(new DryRunExit())
			.start(steps.sweep(REJECTS, REJECTS, new ExpiredRejects(jdbc), settings.rejectAge()))
			.next(steps.sweep(EXECUTIONS, EXECUTIONS, new ExpiredExecutions(jdbc), settings.executionAge()))
			.next(steps.sweep(AUDIT, AUDIT, new ExpiredAuditRows(jdbc), settings.auditAge()))
			.next(steps.sweep(STAGING, STAGING, new LeftoverStagingTables(jdbc, stagingTables), settings.stagingAge()))
			.next(steps.sweep("inbox", INBOX_FILES, new ProcessedInboxFiles(settings.inboxDirs()), settings.processedFileAge()))
			.build();
	}

	@Bean
	JobDescription housekeepingDescription() {
		return new JobDescription(JOB_NAME, "deletes what is past its retention: old executions with their ledgers,"
				+ " rejects, audit rows, leftover staging tables, processed inbox files", HousekeepingParameters.DESCRIPTIONS,
				true, JobDescription.Concurrency.ONE_PER_JOB);
	}

	private record Steps(JobRepository jobRepository, PlatformTransactionManager transactionManager, int chunkSize,
			ObservationRegistry observations) {

		Step sweep(String name, String summaryKey, Sweep sweep, Duration age) {
			SweepTasklet tasklet = new SweepTasklet(summaryKey, sweep, age, this.chunkSize);
			return new StepBuilder(name, this.jobRepository).observationRegistry(this.observations)
				.tasklet(tasklet, this.transactionManager)
				.listener(tasklet)
				.build();
		}

	}

}
