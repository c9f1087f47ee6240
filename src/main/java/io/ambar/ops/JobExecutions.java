package io.ambar.ops;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

/**
 * The job executions an operator names by id.
 */
@Component
public class JobExecutions {

	private final JobRepository repository;

	JobExecutions(JobRepository repository) {
		this.repository = repository;
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
