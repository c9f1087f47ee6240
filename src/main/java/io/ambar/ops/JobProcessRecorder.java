package io.ambar.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records which process runs each job execution (host, pid) and refreshes a heartbeat while it runs, so that
 * {@code restart} can tell a crashed execution from a running one. Also keeps the live executions of this JVM,
 * for progress lines.
 */
public class JobProcessRecorder implements JobExecutionListener, DisposableBean {

	static final long HEARTBEAT_SECONDS = 10;

	private static final Log logger = LogFactory.getLog(JobProcessRecorder.class);

	private final JdbcClient jdbc;

	private final Map<Long, JobExecution> running = new ConcurrentHashMap<>();

	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "ambar-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	JobProcessRecorder(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
	}

	static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.running.put(execution.getId(), execution);
		this.jdbc.sql("""
				INSERT INTO job_process (job_execution_id, host, pid) VALUES (?, ?, ?)
				ON CONFLICT (job_execution_id) DO UPDATE SET host = EXCLUDED.host, pid = EXCLUDED.pid,
				started_at = now(), heartbeat_at = now()""")
			.params(execution.getId(), host(), ProcessHandle.current().pid())
			.update();
	}

	@Override
	public void afterJob(JobExecution execution) {
		this.running.remove(execution.getId());
		forget(execution.getId());
	}

	/** The process recorded for an execution, if any: the execution runs there, or it died there. */
	Optional<JobProcess> process(long executionId) {
		return this.jdbc.sql("""
				SELECT host, pid, extract(epoch FROM now() - heartbeat_at) FROM job_process
				WHERE job_execution_id = ?""")
			.param(executionId)
			.query((rs, n) -> new JobProcess(executionId, rs.getString(1), rs.getLong(2),
					Duration.ofMillis(Math.round(rs.getDouble(3) * 1000))))
			.optional();
	}

	/** Forgets the process of an execution, once it is known to be gone. */
	void forget(long executionId) {
		this.jdbc.sql("DELETE FROM job_process WHERE job_execution_id = ?").param(executionId).update();
	}


	/** The executions running in this JVM. */
	java.util.Collection<JobExecution> running() {
		return this.running.values();
	}

	private void beat() {
		if (this.running.isEmpty()) {
			return;
		}
		try {
			this.jdbc.sql("UPDATE job_process SET heartbeat_at = now() WHERE job_execution_id IN (:ids)")
				.param("ids", this.running.keySet())
				.update();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not refresh the heartbeat of running executions: " + ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.heartbeat.shutdownNow();
	}

}
