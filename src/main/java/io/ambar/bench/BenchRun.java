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

/**
 * One run of the bench: generates the feeds, then for each scenario makes its starting catalogue and times each
 * contender on it, the catalogue restored before each.
 * <p>
 * A contender that fails is reported as failed and the run goes on; Ambar's jobs are looked up by bean name when
 * needed, so the bench runs, and says "n/a", where they do not exist.
 */
final class BenchRun {

	private final BenchOptions options;

	private final ApplicationContext application;

	private final JobStarter jobs;

	private final Catalogue catalogue;

	private final CopyStockReference rawStock;

	private final CopyProductReference rawProducts;

	private final PerRowStockUpdate perRow;

	BenchRun(BenchOptions options, ApplicationContext application, DataSource dataSource, JobStarter jobs) {
		this.options = options;
		this.application = application;
		this.jobs = jobs;
		this.catalogue = new Catalogue(dataSource);
		this.rawStock = new CopyStockReference(dataSource);
		this.rawProducts = new CopyProductReference(dataSource);
		this.perRow = new PerRowStockUpdate(dataSource);
	}

	List<ScenarioResult> run() throws Exception {
		generateFeeds();
		List<ScenarioResult> results = new ArrayList<>();
		try (PlainJobs plain = this.options.contenders().contains(Contender.PLAIN)
				? new PlainJobs(this.application) : null) {
			for (Scenario scenario : this.options.scenarios()) {
				String start = makeStart(scenario);
				this.catalogue.keepAsStart();
				List<Measurement> measurements = new ArrayList<>();
				String reference = null;
				for (Contender contender : this.options.contenders()) {
					if (contender == Contender.PERROW && !scenario.stock()) {
						continue;
					}
					Measurement measurement = measure(scenario, contender, plain, reference);
					if (reference == null && measurement.endState().equals("reference")) {
						reference = this.catalogue.fingerprint();
					}
					measurements.add(measurement);
				}
				results.add(new ScenarioResult(scenario, this.options.rows(), start, measurements));
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
				this.rawProducts.apply(feed(Scenario.P1));
				return "P1's feed applied by the raw upsert";
			}
		}
	}

	private Measurement measure(Scenario scenario, Contender contender, @Nullable PlainJobs plain,
			@Nullable String reference) throws Exception {
		String label = contender.label(scenario);
		Path feed = feed(scenario);
		boolean ambarJob = contender == Contender.AMBAR || contender == Contender.OBSERVED
				|| contender == Contender.OBSERVED_ITEMS;
		Job ambar = ambarJob ? ambarJob(scenario) : null;
		if (ambarJob && ambar == null) {
			return Measurement.notRun(contender, label, "n/a (job not present)");
		}
		this.catalogue.restoreStart();
		System.err.printf("bench: %s, %s ...%n", scenario.name(), label);
		long rows = this.options.rows();
		HeapSampler heap = HeapSampler.start();
		long started = System.nanoTime();
		try {
			switch (contender) {
				case RAW -> {
					if (scenario.stock()) {
						this.rawStock.apply(feed);
					}
					else {
						this.rawProducts.apply(feed);
					}
				}
				case PLAIN -> this.jobs.run(scenario.stock() ? plain.stock() : plain.product(), feed);
				case AMBAR -> this.jobs.run(ambar, feed);
				case OBSERVED, OBSERVED_ITEMS -> {
					try (ObservedJob observed = ObservedJob.observe(this.application, ambar,
							contender == Contender.OBSERVED_ITEMS)) {
						this.jobs.run(ambar, feed);
					}
				}
				case PERROW -> rows = this.perRow.apply(feed, this.options.perRowRows());
			}
		}
		catch (Exception ex) {
			System.err.println("bench: " + label + " failed: " + ex);
			return Measurement.notRun(contender, label, "failed: " + firstLine(ex));
		}
		finally {
			heap.close();
		}
		long nanos = System.nanoTime() - started;
		String endState = (contender == Contender.PERROW) ? "sample"
				: (reference == null) ? "reference"
						: reference.equals(this.catalogue.fingerprint()) ? "same" : "DIFFERS";
		System.err.printf("bench: %s, %s: %,d rows in %.2f s%n", scenario.name(), label, rows, nanos / 1e9);
		return new Measurement(contender, label, rows, nanos, heap.peakBytes(), endState, null);
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
