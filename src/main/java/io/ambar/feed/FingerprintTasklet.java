package io.ambar.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step of a feed job: hashes the file, settles the feed's as-of, and ends the job early, with exit code
 * {@code ALREADY_APPLIED}, when the feed duplicates one applied (or being applied) before (see
 * {@link AppliedFeeds} for the rules; {@code force=true} overrides them); otherwise claims the feed for this run.
 * <p>
 * "The same feed": a job whose parameters change what a feed does (product-sync's {@code mode=full} deactivates,
 * {@code incremental} does not) names them in a variant, and the application is keyed on a SHA-256 of the content
 * hash and the variant. A job without a variant is keyed on the content hash alone.
 * <p>
 * The as-of is the {@code as-of} parameter when given, else the launch time ({@code launched-at}, else the first
 * execution's creation), kept in the job context so that a restart keeps it.
 * <p>
 * Runs again on restart and fails if the file changed since the first execution, because the other steps'
 * checkpoints (line counts) only make sense for the same bytes.
 */
public class FingerprintTasklet implements Tasklet {

	public static final String ALREADY_APPLIED = "ALREADY_APPLIED";

	static final String SHA256 = "feed.sha256";

	static final String SHA256_EXECUTION = "feed.sha256-execution";

	static final String APPLICATION_KEY = "feed.application-key";

	static final String ALREADY_APPLIED_BY = "feed.already-applied-by";

	static final String ALREADY_APPLIED_REASON = "feed.already-applied-reason";

	/** The feed's as-of (ISO-8601) in the job context. */
	public static final String AS_OF = "feed.as-of";

	static final String AS_OF_GIVEN = "feed.as-of-given";

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
		JobExecution jobExecution = step.getJobExecution();
		FeedParameters parameters = FeedParameters.of(step.getJobParameters());
		if (!Files.isRegularFile(parameters.file()) || !Files.isReadable(parameters.file())) {
			throw new FeedFileException(parameters.file(), 0, "cannot read: no such readable file");
		}
		String sha256 = ContentHash.of(parameters.file());
		ExecutionContext job = jobExecution.getExecutionContext();
		String earlier = job.containsKey(SHA256) ? job.getString(SHA256) : null;
		if (earlier != null && !earlier.equals(sha256)) {
			throw new FeedFileException(parameters.file(), 0, "changed since execution "
					+ job.getLong(SHA256_EXECUTION, jobExecution.getId()) + " started (sha256 " + earlier.substring(0, 12)
					+ "… now " + sha256.substring(0, 12) + "…); start a new run");
		}
		if (earlier == null) {
			job.putString(SHA256, sha256);
			job.putLong(SHA256_EXECUTION, jobExecution.getId());
		}
		boolean asOfGiven = parameters.asOf() != null;
		Instant asOf = asOf(parameters, job, jobExecution);
		job.putString(AS_OF, asOf.toString());
		job.put(AS_OF_GIVEN, asOfGiven);
		String key = applicationKey(sha256, this.variant.apply(step.getJobParameters()));
		job.putString(APPLICATION_KEY, key);
		Optional<AppliedFeeds.Duplicate> duplicate = this.appliedFeeds.claim(FeedRun.of(step), key, asOf, asOfGiven,
				parameters.force());
		duplicate.ifPresent(earlierRun -> {
			String reason = earlierRun.reason() + "; nothing to do (force=true applies it again)";
			job.putLong(ALREADY_APPLIED_BY, earlierRun.executionId());
			job.putString(ALREADY_APPLIED_REASON, reason);
			contribution.setExitStatus(new ExitStatus(ALREADY_APPLIED, reason));
		});
		return RepeatStatus.FINISHED;
	}

	/** The feed's as-of: given, else kept from the first execution, else the launch time. */
	private static Instant asOf(FeedParameters parameters, ExecutionContext job, JobExecution execution) {
		if (parameters.asOf() != null) {
			return parameters.asOf();
		}
		if (job.containsKey(AS_OF)) {
			return Instant.parse(job.getString(AS_OF));
		}
		if (parameters.launchedAt() != null) {
			return parameters.launchedAt();
		}
		// launched by something that records no launch time (a test, a plain JobOperator call)
		return execution.getCreateTime().atZone(ZoneId.systemDefault()).toInstant();
	}

	/** The as-of of the run the step belongs to, as settled by its fingerprint step. */
	public static Instant asOf(StepExecution step) {
		return Instant.parse(step.getJobExecution().getExecutionContext().getString(AS_OF));
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
