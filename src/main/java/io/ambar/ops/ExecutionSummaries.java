package io.ambar.ops;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.ambar.feed.FeedParameters;
import io.ambar.ops.ExecutionViews.Summary;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The summaries of a page of executions in one query: a list needs of each only its row, its {@code file} and its
 * job context (the counts), not the steps and step contexts that {@code JobRepository.getJobExecution} loads one
 * query at a time, which made a page of 50 take some 700 queries. The context is read as the job repository reads
 * it: the serialized form if there is one, else the short one, as UTF-8, through the same serializer.
 */
@Component
class ExecutionSummaries {

	private final JdbcClient jdbc;

	private final ExecutionContextSerializer serializer;

	ExecutionSummaries(JdbcClient jdbc, ExecutionContextSerializer serializer) {
		this.jdbc = jdbc;
		this.serializer = serializer;
	}

	/** The executions' summaries in the order of the ids; an id with no execution (deleted since) is left out. */
	List<Summary> of(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, Summary> found = new HashMap<>();
		this.jdbc.sql("""
				SELECT e.job_execution_id, e.job_instance_id, i.job_name, e.status, e.exit_code, e.exit_message,
				  e.create_time, e.start_time, e.end_time,
				  (SELECT p.parameter_value FROM batch_job_execution_params p
				   WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = :file LIMIT 1) AS file,
				  c.short_context, c.serialized_context
				FROM batch_job_execution e
				JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				LEFT JOIN batch_job_execution_context c ON c.job_execution_id = e.job_execution_id
				WHERE e.job_execution_id IN (:ids)""")
			.param("file", FeedParameters.FILE)
			.param("ids", ids)
			.query((rs, row) -> ExecutionQueries.summary(execution(rs)))
			.list()
			.forEach(summary -> found.put(summary.id(), summary));
		return ids.stream().map(found::get).filter(Objects::nonNull).toList();
	}

	/** The execution as far as its summary needs it: without steps, and with its {@code file} as its parameters. */
	private JobExecution execution(ResultSet rs) throws SQLException {
		String file = rs.getString("file");
		JobParameters parameters = (file != null)
				? new JobParametersBuilder().addString(FeedParameters.FILE, file).toJobParameters() : new JobParameters();
		JobExecution execution = new JobExecution(rs.getLong("job_execution_id"),
				new JobInstance(rs.getLong("job_instance_id"), rs.getString("job_name")), parameters);
		execution.setStatus(BatchStatus.valueOf(rs.getString("status")));
		execution.setExitStatus(new ExitStatus(rs.getString("exit_code"), Objects.toString(rs.getString("exit_message"), "")));
		execution.setCreateTime(local(rs.getTimestamp("create_time")));
		execution.setStartTime(local(rs.getTimestamp("start_time")));
		execution.setEndTime(local(rs.getTimestamp("end_time")));
		String context = (rs.getString("serialized_context") != null) ? rs.getString("serialized_context")
				: rs.getString("short_context");
		execution.setExecutionContext((context != null) ? context(context) : new ExecutionContext());
		return execution;
	}

	private ExecutionContext context(String stored) {
		try {
			Map<String, Object> map = this.serializer.deserialize(new ByteArrayInputStream(stored.getBytes(StandardCharsets.UTF_8)));
			return new ExecutionContext(map);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read an execution context", ex);
		}
	}

	private static @Nullable LocalDateTime local(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime() : null;
	}

}
