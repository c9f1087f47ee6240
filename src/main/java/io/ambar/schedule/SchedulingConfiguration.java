package io.ambar.schedule;

import java.time.Clock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.quartz.autoconfigure.QuartzDataSource;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.QuartzTransactionManager;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The clock scheduling reads, Quartz's own connection pool and its transactions, and the listener that counts
 * missed firings. Quartz's settings are in application.yml ({@code spring.quartz.*}); its properties are bound here
 * too, for the commands that use the store without Quartz's auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuartzProperties.class)
class SchedulingConfiguration {

	/** The time as scheduling reads it: fire-time arithmetic, inbox settling, misfire deadlines. Tests own it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Quartz's own small pool ({@code ambar.schedule.quartz-pool.*}): every node serialises on QRTZ_LOCKS, and the
	 * scheduler thread, misfire handler, cluster check-in and the commits of ending firings must never wait for a
	 * connection a job holds for its chunk, nor a job for one of theirs. Not a default candidate, so the application's
	 * pool stays the one DataSource everything else gets.
	 */
	@Bean(defaultCandidate = false)
	@QuartzDataSource
	@ConfigurationProperties("ambar.schedule.quartz-pool")
	HikariDataSource quartzDataSource(DataSourceProperties properties) {
		return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
	}

	/** The transactions of the Quartz pool, in which every call that changes the store runs. */
	@Bean(defaultCandidate = false)
	@QuartzTransactionManager
	PlatformTransactionManager quartzTransactionManager(@QuartzDataSource DataSource quartzDataSource) {
		return new JdbcTransactionManager(quartzDataSource);
	}

	@Bean
	SchedulerFactoryBeanCustomizer missedFiringsListener(MissedFirings missedFirings) {
		return scheduler -> scheduler.setGlobalTriggerListeners(missedFirings);
	}

}
