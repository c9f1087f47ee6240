package io.ambar.db;

import java.nio.file.Path;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL, bound from {@code ambar.embedded.*}. Used only when no
 * {@code spring.datasource.url} is configured.
 *
 * @param enabled start an embedded server when no datasource is configured
 * @param dataDir where the server keeps its data; kept between runs so a later process can restart a failed job
 * @param port the loopback port it listens on; 0 picks a free one
 * @param durable fsync and synchronous commit on; off only for throw-away test databases
 * @param fresh wipe the data directory before the first start in this JVM (tests)
 */
record EmbeddedDatabaseSettings(@DefaultValue("true") boolean enabled, @DefaultValue(".ambar/pgdata") Path dataDir,
		@DefaultValue("54329") int port, @DefaultValue("true") boolean durable, @DefaultValue("false") boolean fresh) {
}
