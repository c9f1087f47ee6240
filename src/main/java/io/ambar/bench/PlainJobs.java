package io.ambar.bench;

import org.springframework.batch.core.configuration.support.ScopeConfiguration;
import org.springframework.batch.core.job.Job;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The bench's plain Spring Batch jobs, in a child context of the application's.
 * <p>
 * The parent lends its DataSource, transaction manager and JobRepository; the jobs stay out of the application's
 * own context, whose job registry collects every {@link Job} bean and whose commands and schedules would offer them.
 * The child needs its own step scope, since scopes are not inherited from a parent context.
 */
final class PlainJobs implements AutoCloseable {

	/** The profile of the bench's job configurations: active in this child context only. */
	static final String PROFILE = "ambar-bench-jobs";

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();

	PlainJobs(ApplicationContext application) {
		this.context.setParent(application);
		this.context.getEnvironment().addActiveProfile(PROFILE);
		this.context.register(ScopeConfiguration.class, PlainStockJobConfiguration.class,
				PlainProductJobConfiguration.class);
		this.context.refresh();
	}

	Job stock() {
		return this.context.getBean("benchPlainStockJob", Job.class);
	}

	Job product() {
		return this.context.getBean("benchPlainProductJob", Job.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
