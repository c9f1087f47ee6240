package io.ambar.ops.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ambar.ops.Actor;
import io.ambar.ops.AuditLog;
import io.ambar.ops.ExecutionActions;
import io.ambar.ops.ExecutionQueries;
import io.ambar.ops.ExecutionViews.Detail;
import io.ambar.ops.ExecutionViews.Page;
import io.ambar.ops.ExecutionViews.Summary;
import io.ambar.ops.JobExecutions;
import io.ambar.ops.JobLaunches;
import io.ambar.ops.JobOverview;
import io.ambar.ops.JobRestarts;
import io.ambar.ops.RejectQueries;
import io.ambar.ops.RunEnds;
import io.ambar.ops.ScheduleActions;
import io.ambar.ops.Schedules;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The operator commands' client when they run directly on the database: the operations layer, in this process,
 * acting as the user who runs the command.
 */
@Component
public class LocalOperatorClient implements OperatorClient {

	private final Actor actor = Actor.cli();

	private final JobOverview overview;

	private final ExecutionQueries executions;

	private final JobLaunches launches;

	private final JobRestarts restarts;

	private final ExecutionActions actions;

	private final RejectQueries rejects;

	private final AuditLog audit;

	private final ScheduleActions schedules;

	private final RunEnds ends;

	private final JobExecutions jobExecutions;

	LocalOperatorClient(JobOverview overview, ExecutionQueries executions, JobLaunches launches, JobRestarts restarts,
			ExecutionActions actions, RejectQueries rejects, AuditLog audit, ScheduleActions schedules, RunEnds ends,
			JobExecutions jobExecutions) {
		this.ends = ends;
		this.jobExecutions = jobExecutions;
		this.schedules = schedules;
		this.overview = overview;
		this.executions = executions;
		this.launches = launches;
		this.restarts = restarts;
		this.actions = actions;
		this.rejects = rejects;
		this.audit = audit;
	}

	@Override
	public List<JobOverview.JobState> jobs() {
		return this.overview.jobs();
	}

	@Override
	public JobOverview.JobDetail job(String name) {
		return this.overview.job(name);
	}

	@Override
	public Page<Summary> executions(ExecutionQueries.Filter filter, @Nullable String cursor, int limit) {
		return this.executions.list(filter, cursor, limit);
	}

	@Override
	public Detail execution(long id) {
		return this.executions.detail(id);
	}

	@Override
	public void awaitChange(long id, Duration max) throws InterruptedException {
		// the mark before the check: a run that ends between the two still wakes the wait
		long mark = this.ends.count();
		if (this.jobExecutions.isRunning(id)) {
			this.ends.awaitAfter(mark, max);
		}
	}

	@Override
	public long launch(String job, Map<String, String> parameters) {
		return this.launches.launch(job, parameters, this.actor).getId();
	}

	@Override
	public Started restart(long id) {
		JobRestarts.Restarted restarted = this.restarts.restart(id, this.actor, false);
		return new Started(restarted.execution().getId(),
				(restarted.recovered() != null) ? "marked execution " + id + " as FAILED: " + restarted.recovered() : null);
	}

	@Override
	public String stop(long id) {
		return this.actions.stop(id, this.actor);
	}

	@Override
	public String abandon(long id) {
		return this.actions.abandon(id, this.actor);
	}

	@Override
	public String recover(long id) {
		return this.actions.recover(id, this.actor);
	}

	@Override
	public RejectQueries.Rejects rejects(long id, long after, int limit) {
		return this.rejects.page(id, after, limit);
	}

	@Override
	public RejectQueries.CsvWritten rejectsCsv(long id, Path file) throws IOException {
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			return this.rejects.writeCsv(id, out);
		}
	}

	@Override
	public RejectQueries.AsFeed rejectsFeed(long id, Path file) throws IOException {
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			return this.rejects.writeFeed(id, out);
		}
	}

	@Override
	public List<AuditLog.Entry> audit(@Nullable Long before, int limit) {
		return this.audit.entries(before, limit);
	}

	@Override
	public List<Schedules.Schedule> schedules() {
		return this.schedules.list();
	}

	@Override
	public String pause(String schedule) {
		return this.schedules.pause(schedule, this.actor);
	}

	@Override
	public String resume(String schedule) {
		return this.schedules.resume(schedule, this.actor);
	}

	@Override
	public String trigger(String schedule) {
		return this.schedules.trigger(schedule, this.actor);
	}

}
