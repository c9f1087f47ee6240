package io.ambar.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The apply step's ranges: whatever bounds they get (from the key's histogram after an ANALYZE, or by numbering the
 * rows without one), they take every key of the table exactly once; from the histogram, in about equal parts. A
 * restart splits by the bounds of the first split, whatever the statistics say by then.
 */
@SpringBootTest
class SkuRangePartitionerTests {

	private static final String TABLE = "partitioner_test_apply";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@AfterEach
	void dropTable() {
		this.jdbc.sql("DROP TABLE IF EXISTS " + TABLE).update();
	}

	@Test
	void rangesFromTheHistogramTakeEveryKeyOnceInAboutEqualParts() throws Exception {
		List<String> keys = table(10_000, true);

		Map<String, ExecutionContext> partitions = partitioner().partition(3);

		List<Integer> sizes = rangeSizes(partitions.values(), keys);
		assertThat(sizes).hasSize(3).allSatisfy(size -> assertThat(size).isBetween(3_000, 3_700));
	}

	@Test
	void withoutStatisticsTheRowsAreNumberedInstead() throws Exception {
		List<String> keys = table(1_000, false);

		assertThat(rangeSizes(partitioner().partition(2).values(), keys)).hasSize(2)
			.allSatisfy(size -> assertThat(size).isBetween(450, 550));
	}

	@Test
	void oneRangeIsOpenBothWaysAndMoreRangesThanKeysLeaveSomeEmpty() throws Exception {
		List<String> keys = table(3, true);

		assertThat(rangeSizes(partitioner().partition(1).values(), keys)).containsExactly(3);
		assertThat(rangeSizes(partitioner().partition(5).values(), keys)).hasSize(5);
	}

	@Test
	void aRestartSplitsByTheBoundsOfTheFirstSplit() throws Exception {
		table(10_000, true);
		StepExecution first = applyStep();
		Map<String, ExecutionContext> split = partitioner(first).partition(2);
		// an ANALYZE of different rows moves the histogram
		this.jdbc.sql("DELETE FROM " + TABLE + " WHERE stripe_sku < '0001'").update();
		this.jdbc.sql("ANALYZE " + TABLE).update();
		assertThat(partitioner().partition(2)).as("a new split").isNotEqualTo(split);

		// as Spring Batch restarts a step: a new execution with the context the last one saved
		StepExecution restart = applyStep();
		restart.setExecutionContext(this.jobRepository.getStepExecution(first.getId()).getExecutionContext());

		assertThat(partitioner(restart).partition(2)).isEqualTo(split);
	}

	private SkuRangePartitioner partitioner() throws Exception {
		return partitioner(applyStep());
	}

	private SkuRangePartitioner partitioner(StepExecution manager) {
		return new SkuRangePartitioner(this.jdbc, TABLE, "stripe_sku", this.jobRepository, manager);
	}

	/** A partitioned step's execution, in the job repository. */
	private StepExecution applyStep() throws Exception {
		JobParameters parameters = new JobParametersBuilder().addLong("run", System.nanoTime()).toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance("partitioner-test", parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		return this.jobRepository.createStepExecution("apply", execution);
	}

	/** A table keyed as stock-update's apply table, the keys out of order on its pages; the keys, sorted. */
	private List<String> table(int rows, boolean analyze) {
		this.jdbc.sql("DROP TABLE IF EXISTS " + TABLE).update();
		this.jdbc.sql("CREATE TABLE " + TABLE + " (sku text NOT NULL, stripe_sku text COLLATE \"C\" PRIMARY KEY)")
			.update();
		this.jdbc.sql("INSERT INTO " + TABLE + " SELECT 'SKU-' || n, lpad((n % 3)::text, 4, '0') || 'SKU-' || n"
				+ " FROM generate_series(1, ?) n ORDER BY md5(n::text)")
			.param(rows)
			.update();
		if (analyze) {
			this.jdbc.sql("ANALYZE " + TABLE).update();
		}
		return this.jdbc.sql("SELECT stripe_sku FROM " + TABLE + " ORDER BY stripe_sku").query(String.class).list();
	}

	/** How many keys each range takes, after checking that every key is in exactly one. */
	private static List<Integer> rangeSizes(Collection<ExecutionContext> ranges, List<String> keys) {
		List<Integer> sizes = new ArrayList<>();
		int[] taken = new int[keys.size()];
		for (ExecutionContext range : ranges) {
			String after = range.containsKey(SkuRangePartitioner.AFTER) ? range.getString(SkuRangePartitioner.AFTER) : null;
			String upTo = range.containsKey(SkuRangePartitioner.UP_TO) ? range.getString(SkuRangePartitioner.UP_TO) : null;
			int size = 0;
			for (int i = 0; i < keys.size(); i++) {
				// the reader's comparisons, in the key's collation "C": byte order, as String.compareTo for ASCII
				String key = keys.get(i);
				if ((after == null || key.compareTo(after) > 0) && (upTo == null || key.compareTo(upTo) <= 0)) {
					taken[i]++;
					size++;
				}
			}
			sizes.add(size);
		}
		for (int i = 0; i < keys.size(); i++) {
			assertThat(taken[i]).as("ranges taking " + keys.get(i)).isEqualTo(1);
		}
		return sizes;
	}

}
