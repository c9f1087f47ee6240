package io.ambar.ops;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code server} command, {@code ambar.server.*}; its port is Spring Boot's {@code server.port} (default 8080).
 *
 * @param shutdownTimeout on SIGTERM, how long the jobs running in the server get to stop at a chunk boundary before
 * the process exits anyway (leaving them to be recovered); keep it below the orchestrator's grace period
 */
@ConfigurationProperties("ambar.server")
record ServerSettings(@DefaultValue("20s") Duration shutdownTimeout) {
}
