package io.ambar.ops;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Automatic recovery runs in {@code server} (the web application), never in a CLI command.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "ambar.recovery.enabled", matchIfMissing = true)
class OrphanRecoveryConfiguration {

	@Bean
	OrphanRecovery orphanRecovery(RecoverySettings settings, JdbcClient jdbc, JobRepository repository,
			JobCatalog catalog, ExecutionLiveness liveness, ExecutionActions actions, JobRestarts restarts,
			ApplicationEventPublisher events) {
		return new OrphanRecovery(settings, jdbc, repository, catalog, liveness, actions, restarts, events);
	}

}
