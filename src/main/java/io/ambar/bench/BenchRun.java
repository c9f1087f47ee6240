package io.ambar.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One run of the bench: generates the feeds, then for each scenario makes its starting catalogue and times each
 * contender on it, {@code repeat} times (the slow (b) and (d) once), the catalogue restored before every run.
 * <p>
 * Warm, the contenders run in the bench's JVM; cold, each run is a fresh process: psql for the hand-written SQL,
 * {@code java -jar ... run} for Ambar's jobs, and the contenders that only exist in this JVM are left out.
 * A contender that fails is reported as failed and the run goes on; Ambar's jobs are looked up by bean name when
 * needed, so the bench runs, and says "n/a", where they do not exist.
 */
final class BenchRun {

	private final BenchOptions options;

	private final ApplicationContext application;

	private final DataSource dataSource;

	private final JobStarter jobs;

	private final Catalogue catalogue;

	private final PerRowStockUpdate perRow;

	private final FreshProcesses processes;

	private final JdbcClient jdbc;

	/** The end state of the scenario's first measured run, which every other run must leave too. */
	private @Nullable String reference;

	/** The typed-CSV reference's input for the scenario, prepared outside the timing. */
	private @Nullable Path typedCsv;

	BenchRun(BenchOptions options, ApplicationContext application, DataSource dataSource, JobStarter jobs,
			FreshProcesses processes) {
		this.options = options;
		this.application = application;
		this.dataSource = dataSource;
		this.jobs = jobs;
		this.catalogue = new Catalogue(dataSource);
		this.perRow = new PerRowStockUpdate(dataSource);
		this.processes = processes;
		this.jdbc = JdbcClient.create(dataSource);
	}

	List<ScenarioResult> run() throws Exception {
		generateFeeds();
		List<ScenarioResult> results = new ArrayList<>();
		try (PlainJobs plain = (this.options.contenders().contains(Contender.PLAIN) && !this.options.cold())
				? new PlainJobs(this.application) : null) {
			for (Scenario scenario : this.options.scenarios()) {
				String start = makeStart(scenario);
				this.catalogue.keepAsStart();
				this.reference = null;
				this.typedCsv = (this.options.contenders().contains(Contender.CSV) && Contender.CSV.appliesTo(scenario))
						? TypedProductCsv.prepare(this.dataSource, feed(scenario)) : null;
				List<Measurement> measurements = new ArrayList<>();
				for (Contender contender : this.options.contenders()) {
					if (contender.appliesTo(scenario) && (contender.runsCold() || !this.options.cold())) {
						measurements.add(measure(scenario, contender, plain));
					}
				}
				results.add(new ScenarioResult(scenario, this.options.rows(), start, this.options.cold(), measurements));
			}
		}
		finally {
			this.catalogue.clear();
		}
		return results;
	}

	private void generateFeeds() throws Exception {
		Files.createDirectories(this.options.dir());
		long started = System.nanoTime();
		FeedGenerator generator = new FeedGenerator(this.options.rows(), this.options.seed());
		if (this.options.scenarios().stream().anyMatch(Scenario::stock)) {
			generator.writeCatalogue(catalogueFile());
		}
		if (!this.options.scenarios().stream().allMatch(Scenario::stock)) {
			generator.writeProductFeed(feed(Scenario.P1), 0);
		}
		for (Scenario scenario : this.options.scenarios()) {
			if (scenario.stock()) {
				generator.writeStockFeed(feed(scenario), scenario.changedPercent());
			}
			else if (scenario != Scenario.P1) {
				generator.writeProductFeed(feed(scenario), scenario.changedPercent());
			}
		}
		System.err.printf("bench: feeds of %,d rows written to %s in %.1f s%n", this.options.rows(), this.options.dir(),
				(System.nanoTime() - started) / 1e9);
	}

	/**
	 * Makes the scenario's starting catalogue. P2 starts from P1's feed applied by Ambar's product-sync when it is
	 * present, so the content hashes it keeps are Ambar's own and "unchanged" really is unchanged to it.
	 */
	private String makeStart(Scenario scenario) throws Exception {
		switch (scenario) {
			case S1, S2 -> {
				this.catalogue.load(catalogueFile());
				return String.format("%,d products, stock as in the generated catalogue", this.options.rows());
			}
			case P1 -> {
				this.catalogue.empty();
				return "empty catalogue";
			}
			default -> {
				this.catalogue.empty();
				Job ambar = this.options.contenders().contains(Contender.AMBAR) ? ambarJob(scenario) : null;
				if (ambar != null) {
					try {
						this.jobs.run(ambar, feed(Scenario.P1));
						return "P1's feed applied by Ambar product-sync (so its content hashes are set)";
					}
					catch (Exception ex) {
						System.err.println("bench: Ambar product-sync failed on the P2 start, using raw: " + ex.getMessage());
						this.catalogue.empty();
					}
				}
				SqlReference.RAW_PRODUCTS.apply(this.dataSource, feed(Scenario.P1));
				return "P1's feed applied by the raw upsert";
			}
		}
	}

	private Measurement measure(Scenario scenario, Contender contender, @Nullable PlainJobs plain) throws Exception {
		String label = contender.label(scenario);
		Job ambar = contender.ambar() ? ambarJob(scenario) : null;
		if (contender.ambar() && ambar == null) {
			return Measurement.notRun(contender, label, "n/a (job not present)");
		}
		String unavailable = this.options.cold() ? (contender.ambar() ? this.processes.jarMissing()
				: this.processes.psqlMissing()) : contender.coldOnly() ? "mode=cold only" : null;
		if (unavailable != null) {
			System.err.println("bench: " + scenario.name() + ", " + label + " skipped: " + unavailable);
			return Measurement.notRun(contender, label, "n/a: " + unavailable);
		}
		long[] nanos = new long[contender.runsOnce() ? 1 : this.options.repeat()];
		long rows = this.options.rows();
		long peakHeap = 0;
		String endState = "";
		for (int run = 0; run < nanos.length; run++) {
			this.catalogue.restoreStart();
			System.err.printf("bench: %s, %s, run %d of %d ...%n", scenario.name(), label, run + 1, nanos.length);
			HeapSampler heap = this.options.cold() ? null : HeapSampler.start();
			long started = System.nanoTime();
			try {
				rows = this.options.cold() ? applyCold(scenario, contender) : applyWarm(scenario, contender, plain, ambar);
				nanos[run] = System.nanoTime() - started;
			}
			catch (Exception ex) {
				System.err.println("bench: " + label + " failed: " + ex);
				return Measurement.notRun(contender, label, "failed: " + firstLine(ex));
			}
			finally {
				if (heap != null) {
					heap.close();
					peakHeap = Math.max(peakHeap, heap.peakBytes());
				}
			}
			endState = worse(endState, endState(contender));
			System.err.printf("bench: %s, %s: %,d rows in %.2f s%n", scenario.name(), label, rows, nanos[run] / 1e9);
		}
		String steps = contender.ambar() ? StepTimes.newest(this.jdbc, jobName(scenario)) : null;
		return new Measurement(contender, label, rows, nanos, peakHeap, endState, steps, null);
	}

	/** Applies the scenario's feed once in this JVM; returns the rows applied. */
	private long applyWarm(Scenario scenario, Contender contender, @Nullable PlainJobs plain, @Nullable Job ambar)
			throws Exception {
		Path feed = feed(scenario);
		switch (contender) {
			case RAW, SMART, CSV -> Objects.requireNonNull(SqlReference.of(contender, scenario))
				.apply(this.dataSource, input(contender, scenario));
			case PLAIN -> this.jobs.run(scenario.stock() ? plain.stock() : plain.product(), feed);
			case AMBAR -> this.jobs.run(ambar, feed);
			case OBSERVED, OBSERVED_ITEMS -> {
				try (ObservedJob observed = ObservedJob.observe(this.application, ambar,
						contender == Contender.OBSERVED_ITEMS)) {
					this.jobs.run(ambar, feed);
				}
			}
			case PERROW -> {
				return this.perRow.apply(feed, this.options.perRowRows());
			}
		}
		return this.options.rows();
	}

	/** Applies the scenario's feed once as a fresh process: psql or {@code java -jar ... run}. */
	private long applyCold(Scenario scenario, Contender contender) throws Exception {
		if (contender.ambar()) {
			List<String> run = List.of("run", jobName(scenario), "file=" + feed(scenario).toAbsolutePath(), "force=true");
			this.processes.ambar(contender == Contender.NESTED, run);
		}
		else {
			this.processes.psqlScript(Objects.requireNonNull(SqlReference.of(contender, scenario))
				.psqlScript(input(contender, scenario)));
		}
		return this.options.rows();
	}

	private Path input(Contender contender, Scenario scenario) {
		return (contender == Contender.CSV) ? Objects.requireNonNull(this.typedCsv) : feed(scenario);
	}

	/** The catalogue's state after a run: the first one measured is the scenario's reference. */
	private String endState(Contender contender) {
		if (contender == Contender.PERROW) {
			return "sample";
		}
		String fingerprint = this.catalogue.fingerprint();
		if (this.reference == null) {
			this.reference = fingerprint;
			return "reference";
		}
		return this.reference.equals(fingerprint) ? "same" : "DIFFERS";
	}

	/** Over several runs, the worst end state stands: a single run that differs makes the contender DIFFER. */
	private static String worse(String sofar, String run) {
		if (sofar.isEmpty() || run.equals("DIFFERS")) {
			return run;
		}
		return sofar;
	}

	private static String jobName(Scenario scenario) {
		return scenario.stock() ? "stock-update" : "product-sync";
	}

	private @Nullable Job ambarJob(Scenario scenario) {
		try {
			return this.application.getBean(scenario.stock() ? "stockUpdateJob" : "productSyncJob", Job.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			return null;
		}
	}

	private Path catalogueFile() {
		return this.options.dir().resolve("catalogue.csv");
	}

	private Path feed(Scenario scenario) {
		return this.options.dir().resolve(switch (scenario) {
			case S1 -> "stock-all-changed.csv";
			case S2 -> "stock-10pct-changed.csv";
			case P1 -> "products.jsonl";
			case P2 -> "products-10pct-changed.jsonl";
		});
	}

	private static String firstLine(Exception ex) {
		String message = Objects.requireNonNullElse(ex.getMessage(), ex.getClass().getSimpleName());
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
