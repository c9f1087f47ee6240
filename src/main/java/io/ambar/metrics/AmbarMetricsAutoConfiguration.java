package io.ambar.metrics;

import java.time.Clock;

import io.ambar.ops.ExecutionLiveness;
import io.ambar.ops.JobCatalog;
import io.ambar.schedule.ScheduleService;
import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ambar's meters, wherever Spring Boot's metrics are on (a {@link MeterRegistry} exists: {@code server}, and the
 * tests); a CLI command, which leaves metrics out, gets none of it. In a web application, the health of the
 * scheduler and of executions too. An auto-configuration, so that it can see whether Boot made a registry.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
		"org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration" })
@ConditionalOnBean(MeterRegistry.class)
@EnableConfigurationProperties(MetricsSettings.class)
public final class AmbarMetricsAutoConfiguration {

	@Bean
	RunMetrics runMetrics(MeterRegistry registry) {
		return new RunMetrics(registry);
	}

	/** The running executions' and steps' series at zero, once every job is built. */
	@Bean
	SmartInitializingSingleton runMetricsPreRegistration(RunListeners listeners, RunMetrics metrics) {
		return () -> listeners.jobs().forEach(metrics::preRegister);
	}

	@Bean
	FeedItemCounts feedItemCounts(MeterRegistry registry, JobRepository repository) {
		return new FeedItemCounts(registry, repository);
	}

	@Bean
	ExecutionEventCounts executionEventCounts(MeterRegistry registry, JobCatalog catalog) {
		return new ExecutionEventCounts(registry, catalog.names());
	}

	@Bean
	JobReadings jobReadings(MeterRegistry registry, JdbcClient jdbc, JobRepository repository,
			ExecutionLiveness liveness, Clock clock, JobCatalog catalog) {
		JobReadings readings = new JobReadings(jdbc, repository, liveness, clock, catalog.names());
		readings.bindTo(registry);
		return readings;
	}

	@Bean
	ScheduleReadings scheduleReadings(ScheduleService schedules, JdbcClient jdbc) {
		return new ScheduleReadings(schedules, jdbc);
	}

	@Bean
	MetricsRefresh metricsRefresh(JobReadings jobs, ScheduleReadings schedules, MeterRegistry registry,
			MetricsSettings settings) {
		return new MetricsRefresh(jobs, schedules, registry, settings);
	}

	/** Health beyond Boot's (database, Redis when configured): the executions, and the scheduler where it fires. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass(HealthIndicator.class)
	static class Health {

		@Bean
		HealthIndicator executionsHealthIndicator(JobReadings readings, Clock clock, MetricsSettings settings) {
			return new OrphanHealth(readings, clock, settings.orphanGrace());
		}

		/** Where this process fires schedules (server mode). */
		@Bean
		@ConditionalOnBooleanProperty("spring.quartz.auto-startup")
		HealthIndicator schedulerHealthIndicator(Scheduler scheduler, JdbcClient jdbc, Clock clock,
				QuartzProperties quartz) throws SchedulerException {
			return new SchedulerHealth(scheduler, jdbc, clock, quartz.getProperties());
		}

	}

}
