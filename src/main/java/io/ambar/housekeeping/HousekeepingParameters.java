package io.ambar.housekeeping;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.ambar.feed.FeedParameters;
import io.ambar.job.ParameterDescription;
import io.ambar.job.ParameterDescription.Type;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * A housekeeping run's parameters.
 *
 * @param reference the instant the ages count back from: {@code launched-at} (which a restart keeps), else when the
 * execution was created
 * @param dryRun count what is past its age, delete nothing
 */
record HousekeepingParameters(Instant reference, boolean dryRun) {

	static final String DRY_RUN = "dry-run";

	static final List<ParameterDescription> DESCRIPTIONS = List.of(
			ParameterDescription.optional(DRY_RUN, Type.BOOLEAN, "false", "count what is past its age; delete nothing"),
			ParameterDescription.internal(FeedParameters.RUN_ID, Type.COUNT, "makes each launch a new job instance (set by Ambar)"),
			ParameterDescription.internal(FeedParameters.LAUNCHED_AT, Type.INSTANT,
					"when the run was launched (set by Ambar); the ages count back from it"),
			ParameterDescription.internal(FeedParameters.SCHEDULE, Type.TEXT, "the schedule that fired the run"),
			ParameterDescription.internal(FeedParameters.FIRE_TIME, Type.INSTANT, "the scheduled fire time of the run"));

	static HousekeepingParameters of(JobExecution execution) {
		var parameters = execution.getJobParameters();
		Instant launchedAt = FeedParameters.instantOf(FeedParameters.LAUNCHED_AT,
				parameters.getString(FeedParameters.LAUNCHED_AT));
		Instant reference = (launchedAt != null) ? launchedAt
				: execution.getCreateTime().atZone(ZoneId.systemDefault()).toInstant();
		return new HousekeepingParameters(reference, "true".equalsIgnoreCase(parameters.getString(DRY_RUN)));
	}

	/**
	 * Refuses a key it does not know (a misspelt {@code dry-run} must not delete for real; Spring Batch's
	 * {@code DefaultJobParametersValidator} only warns) and a value that does not parse.
	 */
	static JobParametersValidator validator() {
		Set<String> known = DESCRIPTIONS.stream().map(ParameterDescription::name).collect(Collectors.toSet());
		return parameters -> {
			Set<String> unknown = new TreeSet<>(parameters.parameters().stream().map(JobParameter::name).toList());
			unknown.removeAll(known);
			if (!unknown.isEmpty()) {
				throw new InvalidJobParametersException("housekeeping does not take " + unknown + "; it takes " + new TreeSet<>(known));
			}
			for (ParameterDescription description : DESCRIPTIONS) {
				JobParameter<?> parameter = parameters.getParameter(description.name());
				String problem = (parameter != null && parameter.value() instanceof String value) ? description.problem(value)
						: null;
				if (problem != null) {
					throw new InvalidJobParametersException(problem);
				}
			}
		};
	}

}
