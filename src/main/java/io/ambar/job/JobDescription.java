package io.ambar.job;

import java.util.List;
import java.util.Optional;

/**
 * What a job tells operators about itself. A bean of this type next to each job's configuration; the operations
 * layer lists, documents and validates launches with it.
 *
 * @param name the job's name, as its {@code Job} bean has it
 * @param summary one line: what a run does
 * @param parameters every parameter it takes, internal ones included
 * @param resumable whether an execution whose process died may be restarted automatically from its last commit
 * (the feed jobs are: every step resumes from committed state)
 * @param concurrency how many runs of the job may go at once
 */
public record JobDescription(String name, String summary, List<ParameterDescription> parameters, boolean resumable,
		Concurrency concurrency) {

	public JobDescription {
		parameters = List.copyOf(parameters);
	}

	/** How many runs of a job may go at once, across every node. */
	public enum Concurrency {

		/** One run of the job at a time. */
		ONE_PER_JOB,

		/**
		 * One run per identity: per set of identifying parameters, the launch's own {@code run.id} aside. Feeds of
		 * different files go side by side, the same file by hand never twice at once; a scheduled run is identified
		 * by its fire time, so the schedule's overlap policy decides about overlapping fire times.
		 */
		ONE_PER_IDENTITY

	}

	public Optional<ParameterDescription> parameter(String name) {
		return this.parameters.stream().filter(parameter -> parameter.name().equals(name)).findFirst();
	}

}
