package io.ambar.ops;

import java.util.List;
import java.util.Objects;

import io.ambar.ops.ExecutionViews.Orphan;
import io.ambar.ops.ExecutionViews.Running;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The executions marked running, newest first, as operators watch them: their live progress and whether their
 * owner is alive; and among them the orphans, whose owner is gone, with what automatic recovery will do.
 */
@Component
public class RunningExecutions {

	/** More than this many executions marked running at once is a pile-up: the newest are shown. */
	static final int MAX = 200;

	private final JdbcClient jdbc;

	private final JobRepository repository;

	private final ExecutionQueries queries;

	private final ExecutionLiveness liveness;

	private final ObjectProvider<OrphanRecovery> recovery;

	RunningExecutions(JdbcClient jdbc, JobRepository repository, ExecutionQueries queries, ExecutionLiveness liveness,
			ObjectProvider<OrphanRecovery> recovery) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.queries = queries;
		this.liveness = liveness;
		this.recovery = recovery;
	}

	/** Every execution marked running (at most {@value #MAX}), with its progress and liveness. */
	public List<Running> running() {
		return marked().stream().map(execution -> {
			ExecutionLiveness.Verdict verdict = this.liveness.check(execution);
			return new Running(ExecutionQueries.summary(execution), this.queries.progress(execution), verdict.state(),
					verdict.reason());
		}).toList();
	}

	/**
	 * The executions marked running whose owner is gone, each with what automatic recovery will do: in
	 * {@code server} with {@code ambar.recovery.enabled}, what {@link OrphanRecovery#plan} says; elsewhere nothing.
	 */
	public List<Orphan> orphans() {
		OrphanRecovery recovery = this.recovery.getIfAvailable();
		return marked().stream().map(execution -> {
			ExecutionLiveness.Verdict verdict = this.liveness.check(execution);
			if (verdict.state() != ExecutionLiveness.State.ORPHANED) {
				return null;
			}
			String plan = (recovery != null) ? recovery.plan(execution)
					: "nothing automatic (recovery runs in server with ambar.recovery.enabled): recover or restart it";
			return new Orphan(ExecutionQueries.summary(execution), verdict.reason(), plan);
		}).filter(Objects::nonNull).toList();
	}

	private List<JobExecution> marked() {
		return this.jdbc.sql("""
				SELECT job_execution_id FROM batch_job_execution WHERE status IN ('STARTING', 'STARTED', 'STOPPING')
				ORDER BY job_execution_id DESC LIMIT ?""")
			.param(MAX)
			.query(Long.class)
			.list()
			.stream()
			.map(this.repository::getJobExecution)
			.filter(Objects::nonNull)
			.toList();
	}

}
