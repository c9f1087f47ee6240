package io.ambar.db;

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
	void startsPostgres17AndMigratesTheSchema() {
		assertThat(this.jdbc.sql("SHOW server_version_num").query(Integer.class).single()).isBetween(170000, 179999);
		assertThat(this.jdbc.sql("SELECT count(*) FROM products").query(Long.class).single()).isNotNull();
		assertThat(this.jdbc.sql("SELECT count(*) FROM batch_job_instance").query(Long.class).single()).isNotNull();
		assertThat(this.jdbc.sql("SELECT count(*) FROM qrtz_locks").query(Long.class).single()).isNotNull();
	}

}
