package io.ambar.catalog;

import java.sql.Timestamp;

import io.ambar.feed.FeedRun;
import io.ambar.feed.FingerprintTasklet;
import io.ambar.feed.FeedSummary;
import io.ambar.feed.LastStep;
import io.ambar.feed.RejectLedger;
import io.ambar.feed.StagingWriter;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sorts out the staged lines in a few set-based statements, in one transaction: keeps only the last line of each
 * SKU in staging, now keyed by SKU (earlier lines are superseded), and writes the products that are new or whose content hash differs from the
 * catalogue's into the apply table ({@code stage_product_<id>_apply}, keyed by SKU). Unchanged products go no
 * further, so a full catalogue with few changes applies fast. Nothing is rejected here: every new SKU is applied.
 * <p>
 * Every count comes from committed state (the load's reader state, staging, the ledger) and the summary is saved
 * in this step's transaction: a run killed at any point and restarted gets the same counts, which the gates that
 * follow depend on.
 */
class ProductClassifyTasklet implements Tasklet {

	private final JdbcClient jdbc;

	private final RejectLedger ledger;

	private final JobRepository jobRepository;

	ProductClassifyTasklet(JdbcClient jdbc, RejectLedger ledger, JobRepository jobRepository) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.jobRepository = jobRepository;
	}

	static String applyTable(FeedRun run) {
		return run.applyTable(ProductStagingRows.STAGING_PREFIX);
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		FeedRun run = FeedRun.of(step);
		String staged = run.stagingTable(ProductStagingRows.STAGING_PREFIX);
		String apply = applyTable(run);
		// one in-memory sort of the feed instead of spilling to disk
		this.jdbc.sql("SET LOCAL work_mem = '256MB'").update();
		// the latest lines replace the staged ones, keyed: the deactivation guard and the deactivation look SKUs
		// up there. Done again (after a kill before this step was recorded complete) it finds the same lines
		if (StagingWriter.repeatsComplete(this.jobRepository, step)) {
			// only SKUs on the repeats list can have several lines: delete their earlier ones where they are
			this.jdbc.sql("DELETE FROM " + staged + " s USING (SELECT sku, max(line_no) AS last FROM " + staged
					+ " WHERE sku IN (SELECT sku FROM " + StagingWriter.repeatsTable(staged) + ") GROUP BY sku) m"
					+ " WHERE s.sku = m.sku AND s.line_no < m.last").update();
			this.jdbc.sql("ALTER TABLE " + staged + " DROP CONSTRAINT IF EXISTS " + staged + "_pkey").update();
		}
		else {
			// a new table and a rename rather than a temp table copied back, so the lines are written once
			this.jdbc.sql("CREATE TABLE " + staged + "_latest AS SELECT DISTINCT ON (sku) * FROM " + staged
					+ " ORDER BY sku, line_no DESC").update();
			this.jdbc.sql("DROP TABLE " + staged).update();
			this.jdbc.sql("ALTER TABLE " + staged + "_latest RENAME TO " + staged).update();
		}
		this.jdbc.sql("ALTER TABLE " + staged + " ADD PRIMARY KEY (sku)").update();
		this.jdbc.sql("ANALYZE " + staged).update();
		this.jdbc.sql("DROP TABLE IF EXISTS " + apply).update();
		// a parallel plan for the join below, which PostgreSQL's default costs keep serial (see
		// StockClassifyTasklet): the process waiting for it has nothing else to do
		this.jdbc.sql("SET LOCAL parallel_setup_cost = 0").update();
		this.jdbc.sql("SET LOCAL parallel_tuple_cost = 0.001").update();
		// a SKU absent from the catalogue has no hash to match, so it is taken too
		Timestamp asOf = Timestamp.from(FingerprintTasklet.asOf(step));
		// not newer than the product's watermark: a feed of the same or a later as-of wrote its content
		this.jdbc.sql("CREATE TABLE " + apply + " AS SELECT s.* FROM " + staged + " s LEFT JOIN products p "
				+ "ON p.sku = s.sku WHERE p.content_hash IS DISTINCT FROM s.content_hash"
				+ " AND (p.content_as_of IS NULL OR p.content_as_of < ?)")
			.param(asOf)
			.update();
		long stale = this.jdbc.sql("SELECT count(*) FROM " + staged + " s JOIN products p ON p.sku = s.sku"
				+ " WHERE p.content_as_of >= ?")
			.param(asOf)
			.query(Long.class)
			.single();
		this.jdbc.sql("ALTER TABLE " + apply + " ADD PRIMARY KEY (sku)").update();
		// statistics now: the apply step's ranges come from its key's histogram (SkuRangePartitioner)
		this.jdbc.sql("ANALYZE " + apply).update();
		long skus = this.jdbc.sql("SELECT count(*) FROM " + staged).query(Long.class).single();
		// not from the load step's listener: a kill after the load was recorded complete loses the job context;
		// the reader's count committed with its last chunk
		long read = LastStep.linesRead(this.jobRepository, step);
		FeedSummary summary = FeedSummary.of(step.getJobExecution())
			.put(FeedSummary.READ, read)
			.putRejects(this.ledger.countsByReason(run.instanceId()));
		// each valid line was staged once (a restarted load goes on after its last commit)
		summary.put(FeedSummary.SUPERSEDED, read - summary.get(FeedSummary.REJECTED) - skus);
		summary.put(FeedSummary.STALE, stale);
		// joins this step's transaction: the summary commits with the apply table it counts
		this.jobRepository.updateExecutionContext(step.getJobExecution());
		return RepeatStatus.FINISHED;
	}

}
