package io.ambar.ops;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The job executions an operator names by id.
 */
@Component
public class JobExecutions {

	private final JobRepository repository;

	private final JdbcClient jdbc;

	JobExecutions(JobRepository repository, JdbcClient jdbc) {
		this.repository = repository;
		this.jdbc = jdbc;
	}

	/**
	 * Whether the execution's row says it runs (STARTING, STARTED or STOPPING); false when there is none. By plain
	 * SQL: the repository's transactional proxy would mark a caller's transaction rollback-only for an execution
	 * that housekeeping (or a test) deleted, and would read the steps and contexts too.
	 */
	public boolean isRunning(long id) {
		return this.jdbc.sql("SELECT status FROM batch_job_execution WHERE job_execution_id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.map(status -> BatchStatus.valueOf(status).isRunning())
			.orElse(false);
	}

	/**
	 * The execution with its steps and contexts, as stored.
	 * @throws OperationException NOT_FOUND when there is no execution with this id
	 */
	public JobExecution byId(long id) {
		try {
			JobExecution execution = this.repository.getJobExecution(id);
			if (execution != null) {
				return execution;
			}
		}
		catch (EmptyResultDataAccessException ex) {
			// the JDBC repository throws where its contract says null
		}
		throw OperationException.notFound("no job execution " + id);
	}

}
