package io.ambar.db;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points {@code spring.datasource.*} at an embedded PostgreSQL when the user configured no datasource, so that
 * Hikari, Flyway and Spring Batch are set up by Spring Boot exactly as for an external server.
 * <p>
 * Runs after the config files are read, so {@code SPRING_DATASOURCE_URL}, {@code --spring.datasource.url} and
 * {@code application.yml} all switch the embedded server off.
 */
class EmbeddedPostgresEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static final Set<EmbeddedPostgresServer> SHUTDOWN_REGISTERED = ConcurrentHashMap.newKeySet();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("spring.datasource.url")) {
			return;
		}
		EmbeddedDatabaseSettings settings = Binder.get(environment)
			.bindOrCreate("ambar.embedded", EmbeddedDatabaseSettings.class);
		if (!settings.enabled()) {
			return;
		}
		EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrJoin(settings);
		// after every application context of this JVM closed, so a job stopping gracefully still has its database
		if (SHUTDOWN_REGISTERED.add(server)) {
			SpringApplication.getShutdownHandlers().add(server::stopIfUnused);
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource("ambarEmbeddedPostgres",
					Map.of("spring.datasource.url", server.jdbcUrl(), "spring.datasource.username",
							EmbeddedPostgresServer.USER)));
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
