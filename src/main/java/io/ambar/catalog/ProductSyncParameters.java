package io.ambar.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.ambar.feed.FeedParameters;
import io.ambar.job.ParameterDescription;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The parameters of product-sync beyond the common {@link FeedParameters}; neither identifies a job instance.
 *
 * @param full {@code mode=full}: the feed is the whole catalogue, so active products absent from it are
 * deactivated; {@code mode=incremental} (the default) never deactivates
 * @param maxDeactivateRatio in full mode, refuse the feed when it would deactivate more than this share of the
 * active catalogue
 */
record ProductSyncParameters(boolean full, double maxDeactivateRatio) {

	static final String MODE = "mode";

	static final String MAX_DEACTIVATE_RATIO = "max-deactivate-ratio";

	static final double DEFAULT_MAX_DEACTIVATE_RATIO = 0.10;

	/** Every parameter of product-sync: the common feed ones and its own. */
	static final List<ParameterDescription> DESCRIPTIONS = Stream.concat(FeedParameters.DESCRIPTIONS.stream(),
			Stream.of(ParameterDescription.choice(MODE, "incremental",
					"full: the feed is the whole catalogue, active products absent from it are deactivated", "full",
					"incremental"),
					ParameterDescription.optional(MAX_DEACTIVATE_RATIO, ParameterDescription.Type.RATIO,
							Double.toString(DEFAULT_MAX_DEACTIVATE_RATIO),
							"in full mode, refuse a feed that would deactivate more than this share of the active catalogue")))
		.toList();

	/**
	 * @throws IllegalArgumentException for a mode other than full or incremental, or a ratio outside 0..1
	 */
	static ProductSyncParameters of(JobParameters parameters) {
		String mode = parameters.getString(MODE);
		String ratio = parameters.getString(MAX_DEACTIVATE_RATIO);
		return new ProductSyncParameters(isFull(mode),
				(ratio != null) ? ratioOf(ratio) : DEFAULT_MAX_DEACTIVATE_RATIO);
	}

	/** The common feed checks plus a known mode and a ratio from 0 to 1. */
	static JobParametersValidator validator() {
		JobParametersValidator common = FeedParameters.validator(MODE, MAX_DEACTIVATE_RATIO);
		return parameters -> {
			common.validate(parameters);
			try {
				of(parameters);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidJobParametersException(ex.getMessage());
			}
		};
	}

	private static boolean isFull(@Nullable String mode) {
		if (mode == null) {
			return false;
		}
		return switch (mode.strip().toLowerCase(Locale.ROOT)) {
			case "full" -> true;
			case "incremental" -> false;
			default -> throw new IllegalArgumentException(MODE + " must be full or incremental, not '" + mode + "'");
		};
	}

	private static double ratioOf(String text) {
		try {
			double ratio = new BigDecimal(text.strip()).doubleValue();
			if (ratio >= 0 && ratio <= 1) {
				return ratio;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(MAX_DEACTIVATE_RATIO + " must be a number from 0 to 1, not '" + text + "'");
	}

}
