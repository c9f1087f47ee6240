package io.ambar.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Skips Flyway when the database already holds exactly the jar's migrations: one query of the schema history instead
 * of Flyway's scan, checksums, validation and lock, which cost a command most of a second of its start-up. In every
 * other case (a database behind or ahead of the jar, a failed or missing migration, no history table, a
 * configuration this check does not understand) Flyway migrates and validates as usual, and reports what it finds.
 * <p>
 * What the shortcut does not see is an applied migration whose file was edited since (a checksum mismatch): the
 * {@code server} command, which keeps the full validation, reports that.
 */
class CurrentSchemaMigrationStrategy implements FlywayMigrationStrategy {

	private static final Log logger = LogFactory.getLog(CurrentSchemaMigrationStrategy.class);

	@Override
	public void migrate(Flyway flyway) {
		Configuration configuration = flyway.getConfiguration();
		Optional<Set<MigrationVersion>> packaged = packagedVersions(configuration);
		if (packaged.isPresent() && packaged.get().equals(appliedVersions(configuration).orElse(null))) {
			logger.debug("Schema at the jar's migrations " + packaged.get() + ": Flyway skipped");
			return;
		}
		flyway.migrate();
	}

	/**
	 * The versions of the SQL migrations in the configured classpath locations; empty when the configuration has
	 * anything else that Flyway would resolve (repeatable, Java or file system migrations, a target).
	 */
	private static Optional<Set<MigrationVersion>> packagedVersions(Configuration configuration) {
		if (configuration.getJavaMigrations().length > 0 || configuration.getResolvers().length > 0
				|| !MigrationVersion.LATEST.equals(configuration.getTarget())) {
			return Optional.empty();
		}
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(
				configuration.getClassLoader());
		String prefix = configuration.getSqlMigrationPrefix();
		String separator = configuration.getSqlMigrationSeparator();
		Set<MigrationVersion> versions = new TreeSet<>();
		for (Location location : configuration.getLocations()) {
			if (!location.isClassPath()) {
				return Optional.empty();
			}
			try {
				for (Resource resource : resolver.getResources("classpath*:" + location.getRootPath() + "/**/*")) {
					String name = resource.getFilename();
					if (name == null || !resource.isReadable()) {
						continue;
					}
					if (name.startsWith(configuration.getRepeatableSqlMigrationPrefix())) {
						return Optional.empty();
					}
					int end = name.indexOf(separator);
					if (name.startsWith(prefix) && end > prefix.length() && hasSqlSuffix(name, configuration)) {
						versions.add(MigrationVersion.fromVersion(name.substring(prefix.length(), end)));
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				return Optional.empty();
			}
		}
		return Optional.of(versions);
	}

	private static boolean hasSqlSuffix(String name, Configuration configuration) {
		for (String suffix : configuration.getSqlMigrationSuffixes()) {
			if (name.endsWith(suffix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The versions the schema history records as applied; empty when it records a failure or anything but versioned
	 * migrations, or cannot be read (no table yet).
	 */
	private static Optional<Set<MigrationVersion>> appliedVersions(Configuration configuration) {
		String schema = (configuration.getDefaultSchema() != null) ? configuration.getDefaultSchema()
				: (configuration.getSchemas().length > 0) ? configuration.getSchemas()[0] : null;
		String table = quoted(configuration.getTable());
		String history = (schema != null) ? quoted(schema) + "." + table : table;
		try (Connection connection = configuration.getDataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT version, success, type FROM " + history)) {
			Set<MigrationVersion> versions = new TreeSet<>();
			while (rows.next()) {
				String version = rows.getString(1);
				String type = rows.getString(3);
				if ("SCHEMA".equals(type)) {
					continue;
				}
				if (!rows.getBoolean(2) || version == null || !type.startsWith("SQL")) {
					return Optional.empty();
				}
				versions.add(MigrationVersion.fromVersion(version));
			}
			return Optional.of(versions);
		}
		catch (SQLException ex) {
			// no history table yet, or one this check cannot read: Flyway decides
			return Optional.empty();
		}
	}

	private static String quoted(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
