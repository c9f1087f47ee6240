package io.ambar.feed;

import java.nio.file.Path;
import java.util.function.Function;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.FlowJobBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What every feed job is made of besides its own load, classify and apply: the shape of the job
 * ({@code fingerprint}, ending early on {@code ALREADY_APPLIED}, then the job's steps), the {@code fingerprint},
 * {@code check} and {@code finish} steps, and the feed reader.
 */
@Component
public class FeedSteps {

	/** The name of every feed job's chunk-oriented load step. */
	public static final String LOAD = "load";

	/** The exit code of a step that did its work but could not do all of it (a cache it could not refresh). */
	public static final String COMPLETED_WITH_WARNINGS = "COMPLETED_WITH_WARNINGS";

	/** The name every feed job gives its {@link FeedReader}; it keys the reader's restart state. */
	public static final String READER_NAME = "feed";

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final AppliedFeeds appliedFeeds;

	private final StagingTables stagingTables;

	private final ObservationRegistry observations;

	private final ObjectProvider<FeedRunListener> runListeners;

	/**
	 * @param observations Spring Batch's observations of the steps built here, which are not beans (Spring Batch
	 * instruments only the jobs and steps that are); none in a process without metrics
	 */
	FeedSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, AppliedFeeds appliedFeeds,
			StagingTables stagingTables, ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<FeedRunListener> runListeners) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.appliedFeeds = appliedFeeds;
		this.stagingTables = stagingTables;
		this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
		this.runListeners = runListeners;
	}

	/** A step builder observed like a step bean: for the steps of feed jobs that are built inline. */
	public StepBuilder step(String name) {
		return new StepBuilder(name, this.jobRepository).observationRegistry(this.observations);
	}

	/**
	 * A feed job: {@code fingerprint}, which ends the job COMPLETED with exit code {@code ALREADY_APPLIED} for a
	 * duplicate feed, then the steps in order. A step going on needs exit code COMPLETED (or
	 * {@code COMPLETED_WITH_WARNINGS}); any other ends the job FAILED: a wildcard transition must never carry a
	 * failed step on to the next. A stopped step stops the job, restartable. Each {@link FeedRunListener} bean
	 * listens to it.
	 */
	public Job job(String name, String stagingPrefix, JobParametersValidator validator, Step fingerprint,
			Step... steps) {
		FlowBuilder<FlowJobBuilder> flow = new JobBuilder(name, this.jobRepository).validator(validator)
			.listener(new FeedJobListener(this.stagingTables, stagingPrefix))
			.listener(new StepWarnings())
			.start(fingerprint)
			.on(FingerprintTasklet.ALREADY_APPLIED)
			.end(FingerprintTasklet.ALREADY_APPLIED);
		Step previous = fingerprint;
		for (Step step : steps) {
			flow = goOn(flow, previous, step);
			previous = step;
		}
		FlowJobBuilder built = flow.from(previous)
			.on(ExitStatus.COMPLETED.getExitCode())
			.end()
			.from(previous)
			.on(COMPLETED_WITH_WARNINGS)
			.end(COMPLETED_WITH_WARNINGS)
			.from(previous)
			.on("*")
			.fail()
			.end();
		this.runListeners.orderedStream().forEach(listener -> {
			built.listener(listener);
			listener.built(name);
		});
		return built.build();
	}

	private static FlowBuilder<FlowJobBuilder> goOn(FlowBuilder<FlowJobBuilder> flow, Step from, Step to) {
		return flow.from(from)
			.on(ExitStatus.COMPLETED.getExitCode())
			.to(to)
			.from(from)
			.on(COMPLETED_WITH_WARNINGS)
			.to(to)
			.from(from)
			.on("*")
			.fail();
	}

	/**
	 * The first step: hashes the feed, ends the job for content applied before, refuses a changed file on
	 * restart. Runs on every restart.
	 * @param variant the job parameters that change what the same content does (null: none), part of what
	 * "applied before" means
	 */
	public Step fingerprint(@Nullable Function<JobParameters, String> variant) {
		FingerprintTasklet tasklet = (variant != null) ? new FingerprintTasklet(this.appliedFeeds, variant)
				: new FingerprintTasklet(this.appliedFeeds);
		return step("fingerprint").tasklet(tasklet, this.transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	/** The gate before anything is applied: the reject ratio. */
	public Step check() {
		return step("check").tasklet(new RejectRatioCheckTasklet(), this.transactionManager)
			.build();
	}

	/**
	 * The last step: records the feed as applied, drops the staging tables.
	 * @param summary puts the job's apply counts into the summary before the step runs
	 */
	public Step finish(String stagingPrefix, StepExecutionListener summary) {
		return step("finish").tasklet(new FinishTasklet(this.appliedFeeds, this.stagingTables, stagingPrefix, this.jobRepository),
					this.transactionManager)
			.listener(summary)
			.build();
	}

	/**
	 * The reader of a feed job's load step, named so that its restart state is found.
	 * @param allowEmpty the {@code allow-empty} job parameter, null when absent
	 * @param fields the fields the job reads
	 */
	public static FeedReader reader(String file, @Nullable String allowEmpty, FeedFields fields,
			FeedProperties properties) {
		FeedReader reader = new FeedReader(Path.of(file), fields, "true".equalsIgnoreCase(allowEmpty),
				properties.maxDecompressedSize());
		reader.setName(READER_NAME);
		return reader;
	}

}
