package io.ambar.ops;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts the {@link JobProcessRecorder} on every job, so that no job can forget to record its process.
 */
@Configuration(proxyBeanMethods = false)
class JobProcessConfiguration {

	@Bean
	JobProcessRecorder jobProcessRecorder(JdbcClient jdbc) {
		return new JobProcessRecorder(jdbc);
	}

	@Bean
	static BeanPostProcessor jobProcessRecording(ObjectProvider<JobProcessRecorder> recorder) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractJob job) {
					job.registerJobExecutionListener(recorder.getObject());
				}
				return bean;
			}
		};
	}

}
