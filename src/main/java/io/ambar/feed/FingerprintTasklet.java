package io.ambar.feed;

import java.io.IOException;
import java.nio.file.Files;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step of a feed job: hashes the file and ends the job early, with exit code {@code ALREADY_APPLIED},
 * when the same content was applied before (unless {@code force=true}).
 * <p>
 * Runs again on restart and fails if the file changed since the first execution, because the other steps'
 * checkpoints (line counts) only make sense for the same bytes.
 */
public class FingerprintTasklet implements Tasklet {

	public static final String ALREADY_APPLIED = "ALREADY_APPLIED";

	static final String SHA256 = "feed.sha256";

	static final String ALREADY_APPLIED_BY = "feed.already-applied-by";

	private final AppliedFeeds appliedFeeds;

	public FingerprintTasklet(AppliedFeeds appliedFeeds) {
		this.appliedFeeds = appliedFeeds;
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		FeedParameters parameters = FeedParameters.of(step.getJobParameters());
		if (!Files.isRegularFile(parameters.file()) || !Files.isReadable(parameters.file())) {
			throw new FeedFileException(parameters.file(), 0, "cannot read: no such readable file");
		}
		String sha256 = ContentHash.of(parameters.file());
		ExecutionContext job = step.getJobExecution().getExecutionContext();
		String earlier = job.containsKey(SHA256) ? job.getString(SHA256) : null;
		if (earlier != null && !earlier.equals(sha256)) {
			throw new FeedFileException(parameters.file(), 0,
					"the file changed since this job instance started (SHA-256 " + earlier.substring(0, 12)
							+ "... now " + sha256.substring(0, 12) + "...); start a new run instead of a restart");
		}
		job.putString(SHA256, sha256);
		if (!parameters.force()) {
			String jobName = step.getJobExecution().getJobInstance().getJobName();
			this.appliedFeeds.lastApplication(jobName, sha256).ifPresent(execution -> {
				job.putLong(ALREADY_APPLIED_BY, execution);
				contribution.setExitStatus(new ExitStatus(ALREADY_APPLIED,
						"already applied by execution " + execution + "; nothing to do (force=true applies it again)"));
			});
		}
		return RepeatStatus.FINISHED;
	}

}
