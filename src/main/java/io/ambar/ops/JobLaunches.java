package io.ambar.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ambar.feed.FeedParameters;
import io.ambar.ops.AuditLog.Outcome;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.stereotype.Component;

/**
 * Launching a new run of a job, the one way every face (CLI, API, console, scheduler) does it: the parameters are
 * validated against the job's description, a file named over the network must lie under the feed roots, the run
 * takes its job's {@link RunSlots slot}, and the launch is audited, refused or done.
 * <p>
 * A run is identified by its {@code file} and a fresh {@code run.id}; a scheduled one by its {@code schedule},
 * {@code fire-time} (and {@code file}), so that a firing that runs twice finds the same job instance. Every launch
 * records {@code launched-at}, the as-of of a feed that names none.
 */
@Component
public class JobLaunches {

	private final JobCatalog catalog;

	private final JobOperators operators;

	private final RunSlots slots;

	private final FeedRoots roots;

	private final AuditLog audit;

	JobLaunches(JobCatalog catalog, JobOperators operators, RunSlots slots, FeedRoots roots, AuditLog audit) {
		this.catalog = catalog;
		this.operators = operators;
		this.slots = slots;
		this.roots = roots;
		this.audit = audit;
	}

	/** A launch that passed every check but the slot, ready to start. */
	public record Launch(Job job, JobParameters parameters, Map<String, String> given, String slot) {

		/** The feed file, if the job takes one, for an ETA. */
		public Path file() {
			String file = this.parameters.getString(FeedParameters.FILE);
			return (file != null) ? Path.of(file) : null;
		}

	}

	/**
	 * Checks a launch and builds its job parameters; refusals are audited.
	 * @throws OperationException NOT_FOUND for an unknown job, INVALID for a parameter it refuses
	 */
	public Launch prepare(String jobName, Map<String, String> given, Actor actor) {
		try {
			Job job = this.catalog.job(jobName);
			Map<String, String> validated = this.catalog.validate(jobName, given);
			JobParameters parameters = parameters(validated, actor);
			job.getJobParametersValidator().validate(parameters);
			return new Launch(job, parameters, validated, RunSlots.slotOf(this.catalog.describe(jobName), parameters));
		}
		catch (InvalidJobParametersException ex) {
			throw refused(actor, jobName, given, OperationException.invalid(ex.getMessage()));
		}
		catch (OperationException ex) {
			throw refused(actor, jobName, given, ex);
		}
	}

	/**
	 * Starts a prepared launch.
	 * @param wait run the job on this thread to its end (the CLI), or return as soon as it started (HTTP)
	 * @return the execution: ended when waited for, else just started
	 * @throws OperationException CONFLICT when another run holds the slot, or the (scheduled) instance ran
	 */
	public JobExecution start(Launch launch, Actor actor, boolean wait) {
		String jobName = launch.job().getName();
		try {
			this.slots.claim(launch.slot());
		}
		catch (OperationException ex) {
			throw refused(actor, jobName, launch.given(), ex);
		}
		JobExecution execution;
		try {
			execution = this.operators.get(wait).start(launch.job(), launch.parameters());
		}
		catch (JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException | JobRestartException ex) {
			this.slots.abandonClaim(launch.slot());
			throw refused(actor, jobName, launch.given(), OperationException.conflict(ex.getMessage()));
		}
		catch (InvalidJobParametersException ex) {
			this.slots.abandonClaim(launch.slot());
			throw refused(actor, jobName, launch.given(), OperationException.invalid(ex.getMessage()));
		}
		catch (RuntimeException ex) {
			this.slots.abandonClaim(launch.slot());
			this.audit.record(actor, "launch", jobName, launch.given(), Outcome.FAILED, ex.getMessage());
			throw ex;
		}
		this.audit.record(actor, "launch", jobName, launch.given(), Outcome.DONE,
				"execution " + execution.getId() + (wait ? " ended " + execution.getStatus() : " started"));
		return execution;
	}

	/**
	 * Starts a run whose parameters a scheduler built (its identity: schedule, fire time, file): checked by the job's
	 * own validator, in its slot, audited like any launch.
	 * @throws OperationException INVALID for parameters the job refuses, CONFLICT when the slot is taken or the
	 * instance ran
	 */
	public JobExecution start(Job job, JobParameters parameters, Actor actor, boolean wait) {
		Map<String, String> given = new LinkedHashMap<>();
		parameters.forEach(parameter -> given.put(parameter.name(), String.valueOf(parameter.value())));
		try {
			job.getJobParametersValidator().validate(parameters);
		}
		catch (InvalidJobParametersException ex) {
			throw refused(actor, job.getName(), given, OperationException.invalid(ex.getMessage()));
		}
		return start(new Launch(job, parameters, given, RunSlots.slotOf(this.catalog.describe(job.getName()), parameters)),
				actor, wait);
	}

	/** Prepares and starts a run in the background: what a launch over HTTP does. */
	public JobExecution launch(String jobName, Map<String, String> given, Actor actor) {
		return start(prepare(jobName, given, actor), actor, false);
	}

	private JobParameters parameters(Map<String, String> values, Actor actor) {
		JobParametersBuilder builder = new JobParametersBuilder();
		boolean scheduled = values.containsKey(FeedParameters.SCHEDULE);
		values.forEach((key, value) -> {
			if (key.equals(FeedParameters.FILE)) {
				Path file = Path.of(value).toAbsolutePath().normalize();
				if (actor.channel().remote()) {
					file = this.roots.confine(file);
				}
				else if (!Files.isRegularFile(file)) {
					throw OperationException.invalid("file not found: " + file);
				}
				builder.addString(key, file.toString(), true);
			}
			else {
				boolean identifying = scheduled
						&& (key.equals(FeedParameters.SCHEDULE) || key.equals(FeedParameters.FIRE_TIME));
				builder.addString(key, value, identifying);
			}
		});
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		if (!scheduled) {
			// microseconds since the epoch: unique per launch, and sorts like the launches
			builder.addLong(FeedParameters.RUN_ID, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000, true);
		}
		if (!values.containsKey(FeedParameters.LAUNCHED_AT)) {
			// the as-of of a feed launched without one; kept by a restart, as every parameter is
			builder.addString(FeedParameters.LAUNCHED_AT, now.toString(), false);
		}
		return builder.toJobParameters();
	}

	private OperationException refused(Actor actor, String jobName, Map<String, String> given, OperationException ex) {
		this.audit.record(actor, "launch", jobName, new LinkedHashMap<>(given), Outcome.REFUSED, ex.getMessage());
		return ex;
	}

}
