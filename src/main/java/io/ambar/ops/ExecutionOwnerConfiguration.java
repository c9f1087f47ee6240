package io.ambar.ops;

import java.util.List;

import io.ambar.job.JobDescription;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * This JVM's {@link AmbarInstance}, and the listeners put on every job, so that no job can forget them: the
 * {@link ExecutionOwners} record of who runs it, and the release of its {@link RunSlots run slot} when it ends.
 */
@Configuration(proxyBeanMethods = false)
class ExecutionOwnerConfiguration {

	@Bean
	AmbarInstance ambarInstance(JdbcClient jdbc) {
		return new AmbarInstance(jdbc);
	}

	@Bean
	ExecutionOwners executionOwners(JdbcClient jdbc, AmbarInstance instance, JobRepository jobRepository) {
		return new ExecutionOwners(jdbc, instance, jobRepository);
	}

	@Bean
	RunSlots runSlots(JdbcClient jdbc, JobRepository jobRepository, JobExecutions executions,
			ExecutionLiveness liveness, PlatformTransactionManager transactionManager, List<JobDescription> descriptions) {
		return new RunSlots(jdbc, jobRepository, executions, liveness, transactionManager, descriptions);
	}

	@Bean
	static BeanPostProcessor executionOwnerRecording(ObjectProvider<ExecutionOwners> owners,
			ObjectProvider<RunSlots> slots) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractJob job) {
					job.registerJobExecutionListener(owners.getObject());
					job.registerJobExecutionListener(slots.getObject());
				}
				return bean;
			}
		};
	}

}
