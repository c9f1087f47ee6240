package io.ambar.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This JVM as the other Ambar processes see it: a random id per start, the host, the pid and the process start
 * time, in {@code ambar_instance}, with a heartbeat refreshed while it lives. Registered on first use, so that a
 * read-only command writes nothing; marked stopped on a clean shutdown.
 */
public class AmbarInstance implements DisposableBean {

	/** How often the heartbeat is refreshed. */
	static final long HEARTBEAT_SECONDS = 10;

	private static final Log logger = LogFactory.getLog(AmbarInstance.class);

	private final JdbcClient jdbc;

	private final UUID id = UUID.randomUUID();

	private final String host = localHost();

	private final long pid = ProcessHandle.current().pid();

	private final @Nullable Instant processStart = ProcessHandle.current().info().startInstant().orElse(null);

	private @Nullable ScheduledExecutorService heartbeat;

	private final List<Runnable> heartbeatTasks = new CopyOnWriteArrayList<>();

	AmbarInstance(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public UUID id() {
		return this.id;
	}

	public String host() {
		return this.host;
	}

	public long pid() {
		return this.pid;
	}

	/** Records this instance, if it is not recorded, and starts its heartbeat once. */
	public synchronized void register() {
		this.jdbc.sql("""
				INSERT INTO ambar_instance (instance_id, host, pid, process_started_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (instance_id) DO NOTHING""")
			.params(this.id, this.host, this.pid,
					(this.processStart != null) ? java.sql.Timestamp.from(this.processStart) : null)
			.update();
		if (this.heartbeat != null) {
			return;
		}
		ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "ambar-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		beat.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
		this.heartbeat = beat;
	}

	/** Runs the task after each heartbeat, on the heartbeat's thread, while this instance is registered. */
	void onHeartbeat(Runnable task) {
		this.heartbeatTasks.add(task);
	}

	private void beat() {
		try {
			this.jdbc.sql("UPDATE ambar_instance SET heartbeat_at = now() WHERE instance_id = ?").param(this.id).update();
		}
		catch (RuntimeException ex) {
			// the others will take this instance for dead after a while: say why in the log
			logger.warn("Could not refresh the heartbeat of instance " + this.id + ": " + ex.getMessage());
		}
		for (Runnable task : this.heartbeatTasks) {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.warn("A heartbeat task of instance " + this.id + " failed: " + ex.getMessage(), ex);
			}
		}
	}

	@Override
	public synchronized void destroy() {
		if (this.heartbeat == null) {
			return;
		}
		this.heartbeat.shutdownNow();
		try {
			this.jdbc.sql("UPDATE ambar_instance SET stopped_at = now() WHERE instance_id = ?").param(this.id).update();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the shutdown of instance " + this.id + ": " + ex.getMessage());
		}
	}

	@Override
	public String toString() {
		return "instance " + this.id + " (pid " + this.pid + " on " + this.host + ")";
	}

	private static String localHost() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

}
