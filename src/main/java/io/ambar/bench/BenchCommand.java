package io.ambar.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import io.ambar.ops.ExecutionQueries;
import io.ambar.ops.JobLaunches;
import io.ambar.ops.cli.AmbarCommand;
import io.ambar.ops.cli.UsageException;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code ambar bench}: times the contenders on generated feeds, in this JVM or ({@code mode=cold}) each as a fresh
 * process with start-up timed apart ({@code only=startup} for that alone); or, with {@code only=repository}, launches and lists
 * against a job repository of {@code past=} executions, and housekeeping; with {@code only=console}, the console's
 * pages with as many) and prints the results as Markdown, also written to {@code out=}.
 * <p>
 * Exits 1 if a contender or a start-up command failed, a console page did not answer, or, with {@code heap-check=MB}, a contender used more
 * heap than that; Ambar's jobs being absent is not a failure.
 */
@Component
class BenchCommand implements AmbarCommand {

	private final ApplicationContext application;

	private final DataSource dataSource;

	private final JobOperator jobOperator;

	BenchCommand(ApplicationContext application, DataSource dataSource, JobOperator jobOperator) {
		this.application = application;
		this.dataSource = dataSource;
		this.jobOperator = jobOperator;
	}

	@Override
	public String name() {
		return "bench";
	}

	@Override
	public String usage() {
		return BenchOptions.USAGE;
	}

	@Override
	public int run(List<String> args, PrintStream out) {
		BenchOptions options = BenchOptions.parse(args);
		try {
			Machine machine = Machine.describe(new JdbcTemplate(this.dataSource), args);
			if (options.console()) {
				ConsoleBench.Result result = new ConsoleBench(options, this.application, this.dataSource,
						new JobStarter(this.jobOperator)).run();
				String report = MarkdownReport.console(machine, result);
				out.print(report);
				write(options.out(), report);
				return result.pages().stream().allMatch(ConsoleBench.PageTiming::measured) ? OK : FAILED;
			}
			FreshProcesses processes = new FreshProcesses(this.application.getEnvironment(),
					FreshProcesses.jar(options.jar()), options.dir());
			// cold: start-up first, so that its figures can be taken off the whole-process times
			List<StartupBench.Timing> startup = options.timesStartup()
					? new StartupBench(processes, JdbcClient.create(this.dataSource), options.dir(), options.repeat()).run()
					: List.of();
			List<ScenarioResult> results = options.scenarios().isEmpty() ? List.of()
					: new BenchRun(options, this.application, this.dataSource, new JobStarter(this.jobOperator),
							processes).run();
			RepositoryResult repository = options.repository() ? new RepositoryBench(options,
					JdbcClient.create(this.dataSource), this.application.getBean(JobLaunches.class),
					this.application.getBean(ExecutionQueries.class)).run() : null;
			String report = MarkdownReport.render(machine, results, startup, repository);
			if (options.cache()) {
				report += new CacheBench(options, this.application.getEnvironment(), this.dataSource).run();
			}
			out.print(report);
			write(options.out(), report);
			return exitCode(options, results, startup);
		}
		catch (UsageException ex) {
			throw ex;
		}
		catch (Exception ex) {
			System.err.println("ambar bench: " + ex);
			return FAILED;
		}
	}

	private static int exitCode(BenchOptions options, List<ScenarioResult> results, List<StartupBench.Timing> startup) {
		int exit = startup.stream().anyMatch(t -> !t.measured() && t.problem().startsWith("failed")) ? FAILED : OK;
		for (ScenarioResult result : results) {
			for (Measurement m : result.measurements()) {
				if (!m.measured() && m.problem().startsWith("failed")) {
					exit = FAILED;
				}
				Long limit = options.heapCheckMegabytes();
				if (m.measured() && limit != null && (m.peakHeapBytes() >> 20) > limit) {
					System.err.printf("ambar bench: heap check failed: %s on %s peaked at %,d MB, over %,d MB%n",
							m.label(), result.scenario().name(), m.peakHeapBytes() >> 20, limit);
					exit = FAILED;
				}
			}
		}
		return exit;
	}

	private static void write(Path file, String report) throws Exception {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.writeString(file, report);
		System.err.println("bench: results written to " + file);
	}

}
