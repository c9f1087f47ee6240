package io.ambar.stock;

import io.ambar.feed.FeedRun;
import io.ambar.feed.FeedSummary;
import io.ambar.feed.RejectLedger;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves staged SKUs that are not in the catalogue to the reject ledger as {@code UNKNOWN_SKU}, in one set-based
 * statement, and sums up what the load produced: read, superseded, rejected by reason.
 */
class UnknownSkuTasklet implements Tasklet {

	private final JdbcClient jdbc;

	private final RejectLedger ledger;

	UnknownSkuTasklet(JdbcClient jdbc, RejectLedger ledger) {
		this.jdbc = jdbc;
		this.ledger = ledger;
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		var step = chunkContext.getStepContext().getStepExecution();
		FeedRun run = FeedRun.of(step);
		String table = run.stagingTable(StockStagingWriter.STAGING_PREFIX);
		long staged = this.jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
		this.jdbc.sql("WITH unknown AS (DELETE FROM " + table
				+ " s WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = s.sku) RETURNING line_no, sku, raw) "
				+ "INSERT INTO feed_reject (job_instance_id, job_execution_id, job_name, file, line_no, sku, reason, detail, raw) "
				+ "SELECT ?, ?, ?, ?, line_no, sku, 'UNKNOWN_SKU', 'no product with this SKU in the catalogue', raw FROM unknown "
				+ "ON CONFLICT (job_instance_id, line_no) DO NOTHING")
			.params(run.instanceId(), run.executionId(), run.jobName(), run.file().toString())
			.update();
		FeedSummary summary = FeedSummary.of(step.getJobExecution());
		var rejects = this.ledger.countsByReason(run.instanceId());
		long rowRejects = rejects.entrySet()
			.stream()
			.filter(e -> !e.getKey().equals("UNKNOWN_SKU"))
			.mapToLong(e -> e.getValue())
			.sum();
		summary.put(FeedSummary.SUPERSEDED, summary.get(FeedSummary.READ) - rowRejects - staged).putRejects(rejects);
		return RepeatStatus.FINISHED;
	}

}
