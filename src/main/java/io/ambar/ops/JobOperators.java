package io.ambar.ops;

import java.util.List;

import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Spring Batch's JobOperator, in its two ways of starting a job: Boot's, which runs the job on the calling thread
 * to its end (the CLI shows progress meanwhile), and one that runs it on a thread of its own and returns at once
 * (a launch over HTTP answers 202 with the execution id). Both share the repository and know the same jobs.
 */
@Component
class JobOperators {

	private final JobOperator waiting;

	private final JobOperator background;

	JobOperators(JobOperator jobOperator, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			List<Job> jobs, RunEnds ends) throws Exception {
		this.waiting = jobOperator;
		MapJobRegistry registry = new MapJobRegistry();
		for (Job job : jobs) {
			try {
				registry.register(job);
			}
			catch (DuplicateJobException ex) {
				throw new IllegalStateException(ex);
			}
		}
		JobOperatorFactoryBean factory = new JobOperatorFactoryBean();
		factory.setJobRepository(jobRepository);
		factory.setJobRegistry(registry);
		factory.setTransactionManager(transactionManager);
		SimpleAsyncTaskExecutor runs = new SimpleAsyncTaskExecutor("ambar-run-");
		runs.setTaskDecorator(ends::signalling);
		factory.setTaskExecutor(runs);
		factory.afterPropertiesSet();
		this.background = factory.getObject();
	}

	/** The operator that waits for the end, or the one that returns once the job started. */
	JobOperator get(boolean wait) {
		return wait ? this.waiting : this.background;
	}

	/** The one to stop, abandon and recover with: they do not start anything. */
	JobOperator operator() {
		return this.waiting;
	}

}
