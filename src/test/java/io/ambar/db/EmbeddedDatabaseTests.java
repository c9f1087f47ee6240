package io.ambar.db;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class EmbeddedDatabaseTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void startsPostgres17AndMigratesTheSchema() throws Exception {
		assertThat(this.jdbc.sql("SHOW server_version_num").query(Integer.class).single()).isBetween(170000, 179999);
		// every migration in sql/ applied, successfully
		long migrations;
		try (var files = Files.list(Path.of("sql"))) {
			migrations = files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")
			.query(Long.class)
			.single()).isEqualTo(migrations).isGreaterThanOrEqualTo(5);
		assertThat(this.jdbc.sql("SELECT to_regclass(t) IS NOT NULL FROM unnest(?::text[]) AS t")
			.param(new String[] { "products", "batch_job_instance", "qrtz_locks", "feed_reject", "feed_application",
					"ambar_instance", "execution_owner" })
			.query(Boolean.class)
			.list()).containsOnly(true);
	}

}
