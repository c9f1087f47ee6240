package io.ambar.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The commands' Flyway shortcut skips Flyway only for a database at exactly the jar's migrations; behind, ahead or
 * failed, Flyway runs and reports as usual. On the server on 127.0.0.1:5432 (database {@code test}), in a schema of
 * its own, dropped at the end.
 */
@EnabledIf(value = "io.ambar.db.ExternalDatabaseTests#serverAnswers",
		disabledReason = "no PostgreSQL server answers on 127.0.0.1:5432")
class CurrentSchemaMigrationStrategyTests {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private final String schema = "ambar_schema_check_" + ProcessHandle.current().pid();

	private final CurrentSchemaMigrationStrategy strategy = new CurrentSchemaMigrationStrategy();

	private Flyway flyway;

	@BeforeEach
	void flyway() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(URL + "?currentSchema=" + this.schema);
		dataSource.setUser("postgres");
		this.flyway = Flyway.configure().dataSource(dataSource).schemas(this.schema).locations("classpath:db/migration").load();
	}

	@AfterEach
	void dropSchema() throws Exception {
		execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
	}

	@Test
	void migratesAnEmptyDatabase() throws Exception {
		this.strategy.migrate(this.flyway);

		assertThat(this.flyway.info().pending()).isEmpty();
		assertThat(this.flyway.info().applied()).isNotEmpty();
	}

	@Test
	void migratesADatabaseBehindTheJar() throws Exception {
		this.flyway.migrate();
		execute("DELETE FROM " + this.schema + ".flyway_schema_history WHERE version = '12'");
		execute("DROP INDEX " + this.schema + ".products_brand_sku_idx, " + this.schema + ".products_category_sku_idx, "
				+ this.schema + ".products_inactive_idx");

		this.strategy.migrate(this.flyway);

		assertThat(this.flyway.info().pending()).isEmpty();
		assertThat(this.flyway.info().current().getVersion().getVersion()).isEqualTo("12");
	}

	@Test
	void leavesFlywayOutForADatabaseAtTheJarsMigrations() throws Exception {
		this.flyway.migrate();
		// an applied migration edited since: what only Flyway's full validation (the server's) sees
		execute("UPDATE " + this.schema + ".flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");

		this.strategy.migrate(this.flyway);

		assertThatExceptionOfType(FlywayException.class).isThrownBy(this.flyway::migrate);
	}

	@Test
	void letsFlywayReportADatabaseAheadOfTheJar() throws Exception {
		this.flyway.migrate();
		execute("INSERT INTO " + this.schema + ".flyway_schema_history (installed_rank, version, description, type,"
				+ " script, checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '999',"
				+ " 'from a newer jar', 'SQL', 'V999__from_a_newer_jar.sql', 1, 'postgres', 1, true FROM "
				+ this.schema + ".flyway_schema_history");

		// Flyway's default only warns of a future migration; one told to refuse it shows the strategy asked Flyway
		Flyway refusingFuture = Flyway.configure().configuration(this.flyway.getConfiguration()).ignoreMigrationPatterns("").load();
		assertThatExceptionOfType(FlywayException.class).isThrownBy(() -> this.strategy.migrate(refusingFuture))
			.withMessageContaining("999");
		this.strategy.migrate(this.flyway);
	}

	@Test
	void letsFlywayReportAFailedMigration() throws Exception {
		this.flyway.migrate();
		execute("UPDATE " + this.schema + ".flyway_schema_history SET success = false WHERE version = '12'");

		assertThatExceptionOfType(FlywayException.class).isThrownBy(() -> this.strategy.migrate(this.flyway))
			.withMessageContaining("12");
	}

	private static void execute(String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
