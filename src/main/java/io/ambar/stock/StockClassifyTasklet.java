package io.ambar.stock;

import io.ambar.feed.FeedRun;
import io.ambar.feed.FeedSummary;
import io.ambar.feed.LoadStepListener;
import io.ambar.feed.RejectLedger;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sorts out the staged lines in a few set-based statements, in one transaction: keeps the last line of each SKU
 * (earlier ones are superseded), sends SKUs absent from the catalogue to the ledger as {@code UNKNOWN_SKU}, and
 * writes the SKUs whose quantity differs into the apply table ({@code stage_stock_<id>_apply}, keyed by SKU).
 * Unchanged rows go no further, so a full snapshot with few changes applies fast.
 * <p>
 * Every count comes from committed state (the load's reader state, staging, the ledger) and the summary is saved
 * in this step's transaction: a run killed at any point and restarted gets the same counts, which the reject-ratio
 * check that follows depends on.
 */
class StockClassifyTasklet implements Tasklet {

	private final JdbcClient jdbc;

	private final RejectLedger ledger;

	private final JobRepository jobRepository;

	StockClassifyTasklet(JdbcClient jdbc, RejectLedger ledger, JobRepository jobRepository) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.jobRepository = jobRepository;
	}

	static String applyTable(FeedRun run) {
		return run.stagingTable(StockStagingWriter.STAGING_PREFIX) + "_apply";
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		var step = chunkContext.getStepContext().getStepExecution();
		FeedRun run = FeedRun.of(step);
		String staged = run.stagingTable(StockStagingWriter.STAGING_PREFIX);
		String apply = applyTable(run);
		// one in-memory sort of the feed instead of spilling to disk
		this.jdbc.sql("SET LOCAL work_mem = '256MB'").update();
		this.jdbc.sql("CREATE TEMP TABLE latest ON COMMIT DROP AS SELECT DISTINCT ON (sku) sku, quantity, line_no, raw FROM "
				+ staged + " ORDER BY sku, line_no DESC").update();
		this.jdbc.sql("ANALYZE latest").update();
		this.jdbc.sql("""
				INSERT INTO feed_reject (job_instance_id, job_execution_id, job_name, file, line_no, sku, reason, detail, raw)
				SELECT ?, ?, ?, ?, line_no, sku, 'UNKNOWN_SKU', 'no product with this SKU in the catalogue', raw
				FROM latest l WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = l.sku)
				ON CONFLICT (job_instance_id, line_no) DO NOTHING""")
			.params(run.instanceId(), run.executionId(), run.jobName(), run.file().toString())
			.update();
		this.jdbc.sql("DROP TABLE IF EXISTS " + apply).update();
		this.jdbc.sql("CREATE TABLE " + apply + " AS SELECT l.sku, l.quantity FROM latest l JOIN products p ON p.sku = l.sku"
				+ " WHERE p.stock_quantity <> l.quantity").update();
		this.jdbc.sql("ALTER TABLE " + apply + " ADD PRIMARY KEY (sku)").update();
		long lines = count(staged);
		long skus = count("latest");
		// the load step's listener could not be trusted with this: a kill after the load was recorded complete
		// loses the job context; the reader's count committed with its last chunk
		StepExecution load = this.jobRepository.getLastStepExecution(step.getJobExecution().getJobInstance(), "load");
		long read = (load != null) ? load.getExecutionContext().getLong(LoadStepListener.READER_NAME + ".records", 0L) : 0L;
		FeedSummary.of(step.getJobExecution())
			.put(FeedSummary.READ, read)
			.put(FeedSummary.SUPERSEDED, lines - skus)
			.putRejects(this.ledger.countsByReason(run.instanceId()));
		// joins this step's transaction: the summary commits with the rejects and the apply table it counts
		this.jobRepository.updateExecutionContext(step.getJobExecution());
		return RepeatStatus.FINISHED;
	}

	private long count(String table) {
		return this.jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

}
