package io.ambar.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ambar.job.JobDescription;
import io.ambar.job.ParameterDescription;

import org.springframework.batch.core.job.Job;
import org.springframework.stereotype.Component;

/**
 * The jobs operators can run, by name, with what each tells about itself; validates the parameters of a launch
 * against the job's description, naming the parameter that is wrong.
 */
@Component
public class JobCatalog {

	private final Map<String, Job> jobs = new TreeMap<>();

	private final Map<String, JobDescription> descriptions = new TreeMap<>();

	JobCatalog(List<Job> jobs, List<JobDescription> descriptions) {
		jobs.forEach(job -> this.jobs.put(job.getName(), job));
		descriptions.forEach(description -> this.descriptions.put(description.name(), description));
	}

	/** The job names, sorted. */
	public Collection<String> names() {
		return this.jobs.keySet();
	}

	/** @throws OperationException NOT_FOUND naming the known jobs */
	public Job job(String name) {
		Job job = this.jobs.get(name);
		if (job == null) {
			throw OperationException.notFound("unknown job '" + name + "' (jobs: " + String.join(", ", this.jobs.keySet()) + ")");
		}
		return job;
	}

	/** The job's description; a job that has none is described by its name alone and takes no parameters. */
	public JobDescription describe(String name) {
		job(name);
		return this.descriptions.getOrDefault(name,
				new JobDescription(name, name, List.of(), false, JobDescription.Concurrency.ONE_PER_JOB));
	}

	/**
	 * Checks given parameters against the job's description: each known, each value fitting its type, every
	 * required one present.
	 * @return the parameters in the description's order
	 * @throws OperationException INVALID saying which parameter and why
	 */
	public Map<String, String> validate(String jobName, Map<String, String> given) {
		JobDescription description = describe(jobName);
		List<String> problems = new ArrayList<>();
		given.forEach((name, value) -> description.parameter(name)
			.ifPresentOrElse(parameter -> addIfNotNull(problems, parameter.problem(value)),
					() -> problems.add("unknown parameter '" + name + "' (" + jobName + " takes: " + String.join(", ",
							description.parameters().stream().filter(p -> !p.internal()).map(ParameterDescription::name).toList())
							+ ")")));
		description.parameters()
			.stream()
			.filter(parameter -> parameter.required() && !given.containsKey(parameter.name()))
			.forEach(parameter -> problems.add("missing parameter '" + parameter.name() + "': " + parameter.doc()));
		if (!problems.isEmpty()) {
			throw OperationException.invalid(String.join("; ", problems));
		}
		Map<String, String> ordered = new LinkedHashMap<>();
		description.parameters().stream().filter(p -> given.containsKey(p.name())).forEach(p -> ordered.put(p.name(), given.get(p.name()).strip()));
		return ordered;
	}

	private static void addIfNotNull(List<String> problems, String problem) {
		if (problem != null) {
			problems.add(problem);
		}
	}

}
