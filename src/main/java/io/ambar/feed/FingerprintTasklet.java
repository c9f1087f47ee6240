package io.ambar.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step of a feed job: hashes the file and ends the job early, with exit code {@code ALREADY_APPLIED},
 * when the same content was applied before in the same way (unless {@code force=true}).
 * <p>
 * "In the same way": a job whose parameters change what a feed does (product-sync's {@code mode=full}
 * deactivates, {@code incremental} does not) names them in a variant, and the application is keyed on a SHA-256
 * of the content hash and the variant. A job without a variant is keyed on the content hash alone.
 * <p>
 * Runs again on restart and fails if the file changed since the first execution, because the other steps'
 * checkpoints (line counts) only make sense for the same bytes.
 */
public class FingerprintTasklet implements Tasklet {

	public static final String ALREADY_APPLIED = "ALREADY_APPLIED";

	static final String SHA256 = "feed.sha256";

	static final String APPLICATION_KEY = "feed.application-key";

	static final String ALREADY_APPLIED_BY = "feed.already-applied-by";

	private final AppliedFeeds appliedFeeds;

	private final Function<JobParameters, String> variant;

	/** A fingerprint keyed on the content alone. */
	public FingerprintTasklet(AppliedFeeds appliedFeeds) {
		this(appliedFeeds, parameters -> "");
	}

	/**
	 * A fingerprint keyed on the content and a variant.
	 * @param variant what the parameters make the job do with a feed, as text (e.g. {@code mode=full}); effective
	 * values rather than the parameters as given, so that an omitted default and the default spelled out are one
	 * variant; empty for none
	 */
	public FingerprintTasklet(AppliedFeeds appliedFeeds, Function<JobParameters, String> variant) {
		this.appliedFeeds = appliedFeeds;
		this.variant = variant;
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
		String key = applicationKey(sha256, this.variant.apply(step.getJobParameters()));
		job.putString(APPLICATION_KEY, key);
		if (!parameters.force()) {
			String jobName = step.getJobExecution().getJobInstance().getJobName();
			this.appliedFeeds.lastApplication(jobName, key).ifPresent(execution -> {
				job.putLong(ALREADY_APPLIED_BY, execution);
				contribution.setExitStatus(new ExitStatus(ALREADY_APPLIED,
						"already applied by execution " + execution + "; nothing to do (force=true applies it again)"));
			});
		}
		return RepeatStatus.FINISHED;
	}

	/** The content hash alone without a variant, else a SHA-256 of both in lower-case hex. */
	static String applicationKey(String sha256, String variant) {
		if (variant.isEmpty()) {
			return sha256;
		}
		byte[] key = ContentHash.sha256().digest((sha256 + "\n" + variant).getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(key);
	}

}
