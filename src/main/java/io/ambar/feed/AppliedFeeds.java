package io.ambar.feed;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Feeds applied to the end, by job and application key (the content hash, or a hash of it and what the job's
 * parameters make it do; see {@link FingerprintTasklet}), so the same bytes are not applied twice the same way.
 */
@Component
public class AppliedFeeds {

	private final JdbcClient jdbc;

	AppliedFeeds(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The execution that last applied this content this way with this job, if any. */
	public Optional<Long> lastApplication(String jobName, String key) {
		return this.jdbc.sql("""
				SELECT job_execution_id FROM feed_application WHERE job_name = ? AND sha256 = ?
				ORDER BY applied_at DESC, job_execution_id DESC LIMIT 1""")
			.params(jobName, key)
			.query(Long.class)
			.optional();
	}

	/** Records that the run applied this content this way; joins the caller's transaction. */
	public void record(FeedRun run, String key) {
		this.jdbc.sql("""
				INSERT INTO feed_application (job_name, sha256, job_execution_id, file) VALUES (?, ?, ?, ?)
				ON CONFLICT DO NOTHING""")
			.params(run.jobName(), key, run.executionId(), run.file().toString())
			.update();
	}

}
