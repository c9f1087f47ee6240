package io.ambar.db;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The commands' Flyway shortcut ({@link CurrentSchemaMigrationStrategy}), on with
 * {@code ambar.flyway.skip-when-current} (the cli profile of application.yml); the server and the tests migrate
 * and validate in full.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("ambar.flyway.skip-when-current")
class SchemaCheckConfiguration {

	@Bean
	FlywayMigrationStrategy currentSchemaMigrationStrategy() {
		return new CurrentSchemaMigrationStrategy();
	}

}
