package io.ambar.db;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standard Spring Boot datasource properties switch Ambar to an external PostgreSQL and nothing is embedded.
 * Runs against the server on 127.0.0.1:5432 (database {@code test}), in a schema of its own for this run, dropped
 * afterwards: builds of other branches share that server, and their migrations differ.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=${test.schema}",
		"spring.datasource.username=postgres", "spring.flyway.schemas=${test.schema}",
		"ambar.embedded.data-dir=target/must-not-exist" })
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

	static final String SCHEMA = "ambar_external_" + Long.toString(System.nanoTime(), 36);

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	/**
	 * The datasource URL is set above, so that the embedded server is not started; its schema is this run's, dropped
	 * once every application context of the JVM has closed (the context outlives this class: it is cached).
	 */
	@DynamicPropertySource
	static void schemaOfThisRun(DynamicPropertyRegistry registry) {
		registry.add("test.schema", () -> SCHEMA);
		SpringApplication.getShutdownHandlers().add(ExternalDatabaseTests::dropSchema);
	}

	private static void dropSchema() {
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
			connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
		catch (SQLException ex) {
			// no server: nothing was created
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
