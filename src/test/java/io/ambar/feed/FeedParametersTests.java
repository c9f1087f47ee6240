package io.ambar.feed;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class FeedParametersTests {

	private final JobParametersValidator validator = FeedParameters.validator("mode");

	@Test
	void refusesAKeyItDoesNotKnowNamingItAndTheKeysItKnows() {
		assertThatExceptionOfType(InvalidJobParametersException.class)
			.isThrownBy(() -> this.validator.validate(new JobParametersBuilder().addString("file", "/a.csv")
				.addString("forse", "true")
				.toJobParameters()))
			.withMessage("unknown parameter forse (parameters: allow-empty, as-of, file, fire-time, force, launched-at, "
					+ "max-reject-ratio, mode, rerun-of, run.id, schedule)");
	}

	@Test
	void takesTheCommonKeysAndTheJobsOwn() {
		assertThatNoException().isThrownBy(() -> this.validator.validate(new JobParametersBuilder()
			.addString("file", "/a.csv")
			.addString("mode", "full")
			.addString("force", "true")
			.addString("schedule", "nightly")
			.addString("fire-time", "2026-11-30T02:00:00Z")
			.addString("as-of", "2026-11-30T02:00:00Z")
			.addLong("run.id", 1L)
			.toJobParameters()));
	}

	@Test
	void stillRequiresTheFile() {
		assertThatExceptionOfType(InvalidJobParametersException.class)
			.isThrownBy(() -> this.validator.validate(new JobParametersBuilder().addString("force", "true").toJobParameters()))
			.withMessage("The JobParameters do not contain required keys: [file]");
	}

}
