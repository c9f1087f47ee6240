package io.ambar.ops;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This JVM's {@link AmbarInstance}, and the {@link ExecutionOwners} listener put on every job, so that no job can
 * forget to record who runs it.
 */
@Configuration(proxyBeanMethods = false)
class ExecutionOwnerConfiguration {

	@Bean
	AmbarInstance ambarInstance(JdbcClient jdbc) {
		return new AmbarInstance(jdbc);
	}

	@Bean
	ExecutionOwners executionOwners(JdbcClient jdbc, AmbarInstance instance) {
		return new ExecutionOwners(jdbc, instance);
	}

	@Bean
	static BeanPostProcessor executionOwnerRecording(ObjectProvider<ExecutionOwners> owners) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractJob job) {
					job.registerJobExecutionListener(owners.getObject());
				}
				return bean;
			}
		};
	}

}
