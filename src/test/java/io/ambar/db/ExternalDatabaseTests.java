package io.ambar.db;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standard Spring Boot datasource properties switch Ambar to an external PostgreSQL and nothing is embedded.
 * Runs against the server on 127.0.0.1:5432 (database {@code test}), in a schema of its own per run (other builds
 * may share the server), dropped at the end.
 */
// the URL here turns the embedded database off before the context starts; ownSchema refines it
@SpringBootTest(properties = { "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
		"spring.datasource.username=postgres", "ambar.embedded.data-dir=target/must-not-exist" })
@EnabledIf(value = "serverAnswers", disabledReason = "no PostgreSQL server answers on 127.0.0.1:5432")
class ExternalDatabaseTests {

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job stockUpdateJob;

	@TempDir
	Path dir;

	private static final String SCHEMA = "ambar_external_test_" + ProcessHandle.current().pid();

	@DynamicPropertySource
	static void ownSchema(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA);
		registry.add("spring.flyway.schemas", () -> SCHEMA);
	}

	@AfterAll
	static void dropSchema() throws Exception {
		try (var connection = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
				var statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
	}

	static boolean serverAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Test
	void runsAStockUpdateOnTheConfiguredServerWithoutStartingAnEmbeddedOne() throws Exception {
		assertThat(this.dataSource.getJdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:5432/test");
		assertThat(Path.of("target/must-not-exist")).doesNotExist();
		assertThat(this.jdbc.sql("SHOW server_version_num").query(Integer.class).single()).isGreaterThanOrEqualTo(140000);
		this.jdbc.sql("TRUNCATE products, feed_reject, feed_application").update();
		this.jdbc.sql("INSERT INTO products (sku, name, price, currency) VALUES ('EXT-1', 'External', 1.00, 'EUR')").update();

		JobExecution run = this.jobOperator.start(this.stockUpdateJob,
				new JobParametersBuilder().addString("file", Files.writeString(this.dir.resolve("feed.csv"), "sku,quantity\nEXT-1,42\n").toString())
					.addLong("run.id", System.nanoTime())
					.toJobParameters());

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT stock_quantity FROM products WHERE sku = 'EXT-1'").query(Integer.class).single())
			.isEqualTo(42);
	}

}
