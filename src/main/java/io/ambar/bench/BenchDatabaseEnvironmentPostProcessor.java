package io.ambar.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Moves the benchmark into a database of its own on the configured server ({@code ambar.bench.database}, set by
 * the {@code bench} command), creating it if needed: the benchmark empties and reloads {@code products} again and
 * again, and must never touch the user's catalogue. Flyway then migrates it like any Ambar database.
 * <p>
 * Runs after the embedded database is chosen, so it works on the embedded server and on an external one alike.
 */
class BenchDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String DATABASE = "ambar.bench.database";

	// jdbc:postgresql://host[:port][,host2...]/database[?parameters]
	private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]*/)([^?]*)(\\?.*)?");

	private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String database = environment.getProperty(DATABASE);
		String url = environment.getProperty("spring.datasource.url");
		if (database == null || url == null) {
			return;
		}
		if (!NAME.matcher(database).matches()) {
			throw new IllegalArgumentException(DATABASE + " must be a plain lower-case name, not '" + database + "'");
		}
		Matcher parts = URL.matcher(url);
		if (!parts.matches()) {
			throw new IllegalArgumentException("cannot tell the database in " + url + "; set " + DATABASE + " to empty"
					+ " and --spring.datasource.url to a scratch database of its own");
		}
		if (parts.group(2).equals(database)) {
			return;
		}
		createIfMissing(url, environment, database);
		String benchUrl = parts.group(1) + database + ((parts.group(3) != null) ? parts.group(3) : "");
		environment.getPropertySources()
			.addFirst(new MapPropertySource("ambarBenchDatabase", Map.of("spring.datasource.url", benchUrl)));
		System.err.println("bench: working in database " + database + ", never in " + parts.group(2));
	}

	private static void createIfMissing(String url, ConfigurableEnvironment environment, String database) {
		Properties credentials = new Properties();
		String user = environment.getProperty("spring.datasource.username");
		String password = environment.getProperty("spring.datasource.password");
		if (user != null) {
			credentials.setProperty("user", user);
		}
		if (password != null) {
			credentials.setProperty("password", password);
		}
		try (Connection connection = DriverManager.getConnection(url, credentials);
				Statement statement = connection.createStatement()) {
			// the name was checked against NAME above: safe as an identifier
			var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
			if (!exists.next()) {
				statement.execute("CREATE DATABASE " + database);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create the benchmark's database " + database + ": " + ex.getMessage()
					+ " (grant CREATEDB, or create it yourself)", ex);
		}
	}

	@Override
	public int getOrder() {
		// after EmbeddedPostgresEnvironmentPostProcessor (ConfigDataEnvironmentPostProcessor.ORDER + 1)
		return ConfigDataEnvironmentPostProcessor.ORDER + 2;
	}

}
