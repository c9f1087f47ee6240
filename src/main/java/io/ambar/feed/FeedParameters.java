package io.ambar.feed;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.ambar.job.ParameterDescription;
import io.ambar.job.ParameterDescription.Type;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The parameters every feed job takes, read from the job parameters. {@code file} and {@code run.id} (or, for a
 * scheduled run, {@code schedule} and {@code fire-time}) identify a job instance; the rest tune one run.
 *
 * @param file the feed to apply
 * @param force apply even if the same content was applied before
 * @param allowEmpty accept a feed with a header and no data rows
 * @param maxRejectRatio refuse the whole feed when more than this share of its lines is rejected
 * @param asOf the instant the feed's data describes, when the launcher gave one ({@code as-of}); null when not
 * @param launchedAt when the run was launched ({@code launched-at}, set by Ambar's launchers), null if unknown
 */
public record FeedParameters(Path file, boolean force, boolean allowEmpty, double maxRejectRatio,
		@Nullable Instant asOf, @Nullable Instant launchedAt) {

	public static final String FILE = "file";

	public static final String RUN_ID = "run.id";

	public static final String FORCE = "force";

	public static final String ALLOW_EMPTY = "allow-empty";

	public static final String MAX_REJECT_RATIO = "max-reject-ratio";

	/** The instant the feed's data describes (ISO-8601): lines not newer than a product's watermark are stale. */
	public static final String AS_OF = "as-of";

	/** When the run was launched (ISO-8601), recorded by the launcher: the as-of of a feed given none. */
	public static final String LAUNCHED_AT = "launched-at";

	/** The schedule that fired the run; with {@link #FIRE_TIME} it identifies a scheduled run's instance. */
	public static final String SCHEDULE = "schedule";

	/** The scheduled fire time (ISO-8601) of a scheduled run. */
	public static final String FIRE_TIME = "fire-time";

	/** The execution whose rejected lines, fixed, make up this feed (see {@code rejects --as-feed}). */
	public static final String RERUN_OF = "rerun-of";

	public static final double DEFAULT_MAX_REJECT_RATIO = 0.05;

	/** The parameters every feed job takes, described for operators. */
	public static final List<ParameterDescription> DESCRIPTIONS = List.of(
			ParameterDescription.required(FILE, Type.PATH, "the feed: CSV, or JSON Lines when the name ends in .jsonl; .gz for gzip"),
			ParameterDescription.optional(AS_OF, Type.INSTANT, null,
					"the instant the feed's data describes; lines not newer than a product's watermark are stale (default: the launch time)"),
			ParameterDescription.optional(FORCE, Type.BOOLEAN, "false", "apply the feed even if it duplicates one applied before"),
			ParameterDescription.optional(ALLOW_EMPTY, Type.BOOLEAN, "false", "accept a feed with a header and no data rows"),
			ParameterDescription.optional(MAX_REJECT_RATIO, Type.RATIO, Double.toString(DEFAULT_MAX_REJECT_RATIO),
					"fail the whole feed, applying nothing, when more than this share of its lines is rejected"),
			ParameterDescription.internal(RUN_ID, Type.COUNT, "makes each launch a new job instance (set by Ambar)"),
			ParameterDescription.internal(LAUNCHED_AT, Type.INSTANT, "when the run was launched (set by Ambar)"),
			ParameterDescription.internal(SCHEDULE, Type.TEXT, "the schedule that fired the run"),
			ParameterDescription.internal(FIRE_TIME, Type.INSTANT, "the scheduled fire time of the run"),
			ParameterDescription.internal(RERUN_OF, Type.COUNT, "the execution whose rejects this feed re-runs"));

	static final Set<String> COMMON = Set.of(FILE, RUN_ID, FORCE, ALLOW_EMPTY, MAX_REJECT_RATIO, AS_OF, LAUNCHED_AT,
			SCHEDULE, FIRE_TIME, RERUN_OF);

	public static FeedParameters of(JobParameters parameters) {
		String ratio = parameters.getString(MAX_REJECT_RATIO);
		return new FeedParameters(Path.of(parameters.getString(FILE)), flag(parameters, FORCE),
				flag(parameters, ALLOW_EMPTY), (ratio != null) ? ratioOf(ratio) : DEFAULT_MAX_REJECT_RATIO,
				instantOf(AS_OF, parameters.getString(AS_OF)), instantOf(LAUNCHED_AT, parameters.getString(LAUNCHED_AT)));
	}

	/**
	 * Parses an instant as the parameters give it: ISO-8601 with a zone offset ({@code 2026-11-30T02:00:00Z},
	 * {@code 2026-11-30T05:00:00+03:00}).
	 * @return the instant, or null for null
	 * @throws IllegalArgumentException naming the parameter when the text is not such an instant
	 */
	public static @Nullable Instant instantOf(String name, @Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(name + " must be an ISO-8601 instant with an offset, such as "
					+ "2026-11-30T02:00:00Z, not '" + text + "'");
		}
	}

	/**
	 * A validator for a feed job: {@code file} required, the common keys and the job's own optional keys
	 * allowed, anything else (a typo) refused.
	 */
	public static JobParametersValidator validator(String... jobKeys) {
		Set<String> allowed = new TreeSet<>(COMMON);
		allowed.addAll(Arrays.asList(jobKeys));
		// required keys only: for a key it does not know, Batch's validator logs a warning and goes on
		DefaultJobParametersValidator required = new DefaultJobParametersValidator(new String[] { FILE },
				new String[0]);
		return parameters -> {
			required.validate(parameters);
			List<String> unknown = parameters.parameters()
				.stream()
				.map(JobParameter::name)
				.filter(key -> !allowed.contains(key))
				.sorted()
				.toList();
			if (!unknown.isEmpty()) {
				throw new InvalidJobParametersException(
						((unknown.size() == 1) ? "unknown parameter " : "unknown parameters ") + String.join(", ", unknown)
								+ " (parameters: " + String.join(", ", allowed) + ")");
			}
			try {
				of(parameters);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidJobParametersException(ex.getMessage());
			}
		};
	}

	private static boolean flag(JobParameters parameters, String key) {
		return "true".equalsIgnoreCase(parameters.getString(key));
	}

	private static double ratioOf(@Nullable String text) {
		try {
			double ratio = new BigDecimal(text.strip()).doubleValue();
			if (ratio >= 0 && ratio <= 1) {
				return ratio;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(MAX_REJECT_RATIO + " must be a number from 0 to 1, not '" + text + "'");
	}

}
