package io.ambar.feed;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The parameters every feed job takes, read from the job parameters. Only {@code file} and {@code run.id}
 * identify a job instance; the rest tune one run.
 *
 * @param file the feed to apply
 * @param force apply even if the same content was applied before
 * @param allowEmpty accept a feed with a header and no data rows
 * @param maxRejectRatio refuse the whole feed when more than this share of its lines is rejected
 */
public record FeedParameters(Path file, boolean force, boolean allowEmpty, double maxRejectRatio) {

	public static final String FILE = "file";

	public static final String RUN_ID = "run.id";

	public static final String FORCE = "force";

	public static final String ALLOW_EMPTY = "allow-empty";

	public static final String MAX_REJECT_RATIO = "max-reject-ratio";

	public static final double DEFAULT_MAX_REJECT_RATIO = 0.05;

	static final Set<String> COMMON = Set.of(FILE, RUN_ID, FORCE, ALLOW_EMPTY, MAX_REJECT_RATIO);

	public static FeedParameters of(JobParameters parameters) {
		String ratio = parameters.getString(MAX_REJECT_RATIO);
		return new FeedParameters(Path.of(parameters.getString(FILE)), flag(parameters, FORCE),
				flag(parameters, ALLOW_EMPTY), (ratio != null) ? ratioOf(ratio) : DEFAULT_MAX_REJECT_RATIO);
	}

	/**
	 * A validator for a feed job: {@code file} required, the common keys and the job's own optional keys
	 * allowed, anything else (a typo) refused.
	 */
	public static JobParametersValidator validator(String... jobKeys) {
		DefaultJobParametersValidator keys = new DefaultJobParametersValidator(new String[] { FILE },
				Stream.concat(COMMON.stream(), Arrays.stream(jobKeys))
					.toArray(String[]::new));
		return parameters -> {
			keys.validate(parameters);
			String ratio = parameters.getString(MAX_REJECT_RATIO);
			if (ratio != null) {
				try {
					ratioOf(ratio);
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidJobParametersException(ex.getMessage());
				}
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
