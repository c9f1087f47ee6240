package io.ambar.ops;

import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How execution contexts are stored: Spring Batch's default serializer, declared as a bean so that the job
 * repository (Boot's batch auto-configuration takes it) and {@link ExecutionSummaries}, which reads contexts of many
 * executions at once, use the same one.
 */
@Configuration(proxyBeanMethods = false)
class ExecutionContextConfiguration {

	@Bean
	ExecutionContextSerializer executionContextSerializer() {
		return new DefaultExecutionContextSerializer();
	}

}
