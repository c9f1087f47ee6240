package io.ambar.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL 17 (zonky binaries) with its data in a directory of the user's, started at most once per JVM.
 * <p>
 * If the directory's server is already running (another Ambar process, or one orphaned by a killed process),
 * it is joined and left running; a server this JVM started is stopped when the JVM exits. As root the server
 * runs in a user namespace ({@code unshare -U}, done by zonky), since PostgreSQL refuses to run as root.
 */
final class EmbeddedPostgresServer {

	static final String USER = "postgres";

	static final String DATABASE = "ambar";

	private static final Log logger = LogFactory.getLog(EmbeddedPostgresServer.class);

	private static final Map<Path, EmbeddedPostgresServer> running = new ConcurrentHashMap<>();

	private final int port;

	private final @Nullable EmbeddedPostgres started;

	private EmbeddedPostgresServer(int port, @Nullable EmbeddedPostgres started) {
		this.port = port;
		this.started = started;
	}

	/**
	 * Returns the server of the settings' data directory, starting it if nothing runs there.
	 * @throws IllegalStateException if the server cannot be started; the message says why and how to use an
	 * external server instead
	 */
	static EmbeddedPostgresServer startOrJoin(EmbeddedDatabaseSettings settings) {
		Path dataDir = settings.dataDir().toAbsolutePath().normalize();
		return running.computeIfAbsent(dataDir, dir -> {
			try {
				if (settings.fresh()) {
					// a throw-away database must be fresh: a server a killed test JVM left running is stopped first
					stopServerIn(dir);
				}
				EmbeddedPostgresServer server = runningServerIn(dir).orElseGet(() -> start(dir, settings));
				server.requireDataDirectory(dir);
				server.createDatabaseIfMissing();
				System.err.printf("Embedded PostgreSQL 17 on localhost:%d, data in %s%n  up while an Ambar process runs"
						+ " (`java -jar target/ambar.jar server` keeps it up): psql -h localhost -p %d -U %s %s%n",
						server.port, dir, server.port, USER, DATABASE);
				return server;
			}
			catch (IOException | SQLException | RuntimeException ex) {
				throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dir + " on port "
						+ settings.port() + ": " + ex.getMessage() + ". If the port is taken, set --ambar.embedded.port;"
						+ " or set SPRING_DATASOURCE_URL to use an external PostgreSQL 14+ server.", ex);
			}
		});
	}

	/**
	 * Stops the server if this JVM started it and no other process is connected to it; another Ambar process (a
	 * {@code server}, a CLI command) that joined it keeps it up, and a later one joins it in turn. Called once the
	 * application is closed; failures are logged.
	 */
	void stopIfUnused() {
		if (this.started == null) {
			return;
		}
		try {
			if (otherClients() > 0) {
				logger.info("Leaving the embedded PostgreSQL on port " + this.port + " running: other processes use it");
				return;
			}
			this.started.close();
		}
		catch (IOException | SQLException | RuntimeException ex) {
			logger.warn("Could not stop the embedded PostgreSQL on port " + this.port + ": " + ex.getMessage());
		}
	}

	private long otherClients() throws SQLException {
		try (Connection connection = dataSource("postgres").getConnection();
				Statement statement = connection.createStatement();
				var rs = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
						+ " AND pid <> pg_backend_pid()")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private PGSimpleDataSource dataSource(String database) {
		PGSimpleDataSource postgres = new PGSimpleDataSource();
		postgres.setUrl("jdbc:postgresql://localhost:" + this.port + "/" + database);
		postgres.setUser(USER);
		return postgres;
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.port + "/" + DATABASE;
	}

	private static EmbeddedPostgresServer start(Path dataDir, EmbeddedDatabaseSettings settings) {
		try {
			if (settings.fresh()) {
				FileSystemUtils.deleteRecursively(dataDir);
			}
			Files.createDirectories(dataDir);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				.setPort((settings.port() != 0) ? settings.port() : freePort())
				.setPGStartupWait(Duration.ofSeconds(60))
				// byte-order text: SKU sorts and index lookups without locale rules, the same on every machine
				.setLocaleConfig("locale", "C")
				.setServerConfig("listen_addresses", "localhost")
				.setServerConfig("max_connections", "100")
				// sized for bulk feeds on a small machine: a 1M-product catalogue and its indexes stay in memory,
				// and a feed's WAL does not force a checkpoint mid-run
				.setServerConfig("shared_buffers", "512MB")
				.setServerConfig("work_mem", "32MB")
				.setServerConfig("maintenance_work_mem", "256MB")
				.setServerConfig("max_wal_size", "4GB")
				.setServerConfig("checkpoint_timeout", "15min");
			if (settings.durable()) {
				// zonky's defaults (fsync off, synchronous_commit off) suit throw-away test data, not a catalogue
				builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
			}
			// stopped by stopIfUnused, after Spring closed the application: zonky's own shutdown hook would run
			// at the same time as Spring's, and stop the database under a job that is stopping gracefully
			builder.setRegisterShutdownHook(false);
			EmbeddedPostgres postgres = builder.start();
			return new EmbeddedPostgresServer(postgres.getPort(), postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The server already serving this data directory, read from its {@code postmaster.pid} (line 1: pid, line 4:
	 * port), if that process is alive.
	 */
	private static Optional<EmbeddedPostgresServer> runningServerIn(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
		if (lines.size() < 4) {
			return Optional.empty();
		}
		long pid = Long.parseLong(lines.get(0).trim());
		if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
			logger.info("Joining the embedded PostgreSQL already running in " + dataDir + " (pid " + pid + ")");
			return Optional.of(new EmbeddedPostgresServer(Integer.parseInt(lines.get(3).trim()), null));
		}
		return Optional.empty();
	}

	/** Stops the server running in the directory, if any, and waits for it to end. */
	private static void stopServerIn(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
		if (lines.isEmpty()) {
			return;
		}
		Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
		if (postmaster.isPresent() && postmaster.get().isAlive()) {
			logger.info("Stopping the embedded PostgreSQL left running in " + dataDir + " (pid " + postmaster.get().pid() + ")");
			// SIGTERM: PostgreSQL's smart shutdown, immediate with no client left
			postmaster.get().destroy();
			try {
				postmaster.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IOException("the server left running in " + dataDir + " did not stop", ex);
			}
		}
	}

	/**
	 * Checks that the server on the port keeps its data in this directory: another PostgreSQL listening there first
	 * would otherwise be taken for ours, and migrated.
	 */
	private void requireDataDirectory(Path dataDir) throws SQLException, IOException {
		try (Connection connection = dataSource("postgres").getConnection(); Statement statement = connection.createStatement();
				var rs = statement.executeQuery("SHOW data_directory")) {
			rs.next();
			Path served = Path.of(rs.getString(1));
			if (!Files.isSameFile(served, dataDir)) {
				throw new IOException("port " + this.port + " is taken by another PostgreSQL (its data is in " + served + ")");
			}
		}
	}

	private void createDatabaseIfMissing() throws SQLException {
		try (Connection connection = dataSource("postgres").getConnection(); Statement statement = connection.createStatement()) {
			var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
			if (!exists.next()) {
				statement.execute("CREATE DATABASE " + DATABASE);
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
