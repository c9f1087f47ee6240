package io.ambar.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.ambar.feed.FeedParameters;
import io.ambar.feed.FeedSummary;
import io.ambar.ops.Actor;
import io.ambar.ops.ExecutionQueries;
import io.ambar.ops.ExecutionQueries.Filter;
import io.ambar.ops.JobLaunches;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The repository scenario: how long a launch and the execution lists take with a year of past executions against
 * a repository that holds one page of them, each the median of {@code reps} timings after a warm-up; then how long
 * housekeeping takes to delete what is past its age. Works through the operations layer, as the CLI does.
 * <p>
 * Empties the job repository, ledgers and audit of the database it runs in: the bench's own.
 */
final class RepositoryBench {

	/** The executions of the small repository: a page and some, so that every list returns a full page in both. */
	static final int ONE_PAGE = 60;

	private static final int PAGE = 50;

	private static final List<String> SKUS = List.of("BENCH-R-1", "BENCH-R-2", "BENCH-R-3");

	private final BenchOptions options;

	private final JdbcClient jdbc;

	private final JobLaunches launches;

	private final ExecutionQueries queries;

	private final Actor actor = Actor.cli();

	RepositoryBench(BenchOptions options, JdbcClient jdbc, JobLaunches launches, ExecutionQueries queries) {
		this.options = options;
		this.jdbc = jdbc;
		this.launches = launches;
		this.queries = queries;
	}

	RepositoryResult run() throws Exception {
		Files.createDirectories(this.options.dir());
		emptyRepository();
		this.jdbc.sql("INSERT INTO products (sku, name, price, currency, stock_quantity) SELECT unnest(CAST(? AS text[])), 'Bench', 1, 'EUR', 0")
			.param(SKUS.toArray(String[]::new))
			.update();
		try {
			Path smallFeed = feed("repository-small.csv");
			JobExecution template = launch(smallFeed);
			PastExecutions past = new PastExecutions(this.jdbc);
			past.insert(ONE_PAGE, template.getId());
			// one untimed round first: the first timings of a JVM measure its JIT compiler, not the repository
			measure(smallFeed);
			List<Double> small = measure(smallFeed);
			long started = System.nanoTime();
			long rows = past.insert(this.options.pastExecutions(), template.getId());
			double seedSeconds = (System.nanoTime() - started) / 1e9;
			System.err.printf("bench: %,d past executions (%,d rows) inserted in %.1f s%n", this.options.pastExecutions(),
					rows, seedSeconds);
			List<Double> large = measure(feed("repository-large.csv"));
			List<RepositoryResult.Timing> timings = new ArrayList<>();
			List<String> operations = List.of("launch stock-update (3-line feed) and run it to its end",
					"list executions, first page of " + PAGE, "list executions of job stock-update",
					"list executions by parameter value (file=the bench feed)");
			for (int i = 0; i < operations.size(); i++) {
				timings.add(new RepositoryResult.Timing(operations.get(i), small.get(i), large.get(i)));
			}
			started = System.nanoTime();
			JobExecution housekeeping = this.launches.start(this.launches.prepare("housekeeping", Map.of(), this.actor),
					this.actor, true);
			double housekeepingSeconds = (System.nanoTime() - started) / 1e9;
			require(housekeeping);
			return new RepositoryResult(this.options.pastExecutions(), rows, seedSeconds, ONE_PAGE,
					this.options.repetitions(), timings, housekeepingSeconds, FeedSummary.of(housekeeping).counts());
		}
		finally {
			emptyRepository();
			this.jdbc.sql("DELETE FROM products WHERE sku = ANY(?)").param(SKUS.toArray(String[]::new)).update();
		}
	}

	/** The median milliseconds of a launch and of each list, in that order, after a warm-up of each. */
	private List<Double> measure(Path feed) throws Exception {
		String file = feed.toAbsolutePath().normalize().toString();
		List<Callable<?>> operations = List.of(() -> launch(feed), () -> this.queries.list(Filter.none(), null, PAGE),
				() -> this.queries.list(new Filter("stock-update", null, null, null, null, null), null, PAGE),
				() -> this.queries.list(new Filter(null, null, null, null, FeedParameters.FILE, file), null, PAGE));
		List<Double> medians = new ArrayList<>();
		for (Callable<?> operation : operations) {
			operation.call();
			operation.call();
			double[] millis = new double[this.options.repetitions()];
			for (int i = 0; i < millis.length; i++) {
				long started = System.nanoTime();
				operation.call();
				millis[i] = (System.nanoTime() - started) / 1e6;
			}
			Arrays.sort(millis);
			medians.add(millis[millis.length / 2]);
		}
		return medians;
	}

	private JobExecution launch(Path feed) {
		Map<String, String> parameters = Map.of(FeedParameters.FILE, feed.toString(), FeedParameters.FORCE, "true");
		return require(this.launches.start(this.launches.prepare("stock-update", parameters, this.actor), this.actor, true));
	}

	private Path feed(String name) throws Exception {
		Path feed = this.options.dir().resolve(name);
		Files.writeString(feed, "sku,quantity\n" + String.join(",7\n", SKUS) + ",7\n");
		return feed;
	}

	private static JobExecution require(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException(execution.getJobInstance().getJobName() + " execution " + execution.getId()
					+ " ended " + execution.getStatus() + ": " + execution.getAllFailureExceptions());
		}
		return execution;
	}

	private void emptyRepository() {
		new PastExecutions(this.jdbc).empty();
	}

}
