package io.ambar.metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The run log on every job and step, in every process; the run metrics too where there is a meter registry
 * ({@link AmbarMetricsAutoConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class RunLogConfiguration {

	@Bean
	static RunListeners runListeners(ObjectProvider<RunMetrics> metrics) {
		return new RunListeners(metrics);
	}

}
