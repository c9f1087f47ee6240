package io.ambar.ops.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.ambar.job.JobDescription;
import io.ambar.job.ParameterDescription;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What the console's browser tests run against besides Ambar's own jobs: {@code slow-feed}, whose {@code load}
 * reads its file a line per chunk as the test lets it through a {@link Gate}, so that progress moves when the test
 * says; and {@code flaky}, which fails while {@link Flakiness} says so and completes on its restart after.
 */
@TestConfiguration(proxyBeanMethods = false)
class ConsoleFixtures {

	/** Lets a running {@code slow-feed} read as many lines as permits are released. */
	static final class Gate {

		private final Semaphore permits = new Semaphore(0);

		void release(int lines) {
			this.permits.release(lines);
		}

		/** Waits for a permit; false after two minutes, so that a forgotten run ends. */
		boolean pass() throws InterruptedException {
			return this.permits.tryAcquire(2, TimeUnit.MINUTES);
		}

		void drain() {
			this.permits.drainPermits();
		}

	}

	/** Whether {@code flaky} fails. */
	static final class Flakiness extends AtomicBoolean {

	}

	@Bean
	Gate gate() {
		return new Gate();
	}

	@Bean
	Flakiness flakiness() {
		return new Flakiness();
	}

	@Bean
	Job slowFeedJob(JobRepository repository, PlatformTransactionManager tm, ItemReader<String> slowFeedReader) {
		return new JobBuilder("slow-feed", repository)
			.start(new StepBuilder("load", repository).<String, String>chunk(1)
				.transactionManager(tm)
				.reader(slowFeedReader)
				.writer(lines -> {
				})
				.build())
			.build();
	}

	@Bean
	@StepScope
	ItemReader<String> slowFeedReader(@Value("#{jobParameters['file']}") String file, Gate gate) throws IOException {
		Iterator<String> lines = Files.readAllLines(Path.of(file)).iterator();
		return () -> (gate.pass() && lines.hasNext()) ? lines.next() : null;
	}

	@Bean
	JobDescription slowFeedDescription() {
		return new JobDescription("slow-feed", "reads a feed a line at a time, as fast as the test lets it",
				List.of(ParameterDescription.required("file", ParameterDescription.Type.PATH, "the feed"),
						ParameterDescription.internal("run.id", ParameterDescription.Type.COUNT, "set by Ambar"),
						ParameterDescription.internal("launched-at", ParameterDescription.Type.INSTANT, "set by Ambar")),
				false, JobDescription.Concurrency.ONE_PER_JOB);
	}

	@Bean
	Job flakyJob(JobRepository repository, PlatformTransactionManager tm, Flakiness flakiness) {
		return new JobBuilder("flaky", repository).start(new StepBuilder("call-warehouse", repository).tasklet((contribution, chunk) -> {
			if (flakiness.get()) {
				throw new IllegalStateException("the warehouse API answered 503 Service Unavailable");
			}
			return RepeatStatus.FINISHED;
		}, tm).build()).build();
	}

	@Bean
	JobDescription flakyDescription() {
		return new JobDescription("flaky", "asks the warehouse API for its stock, which fails now and then",
				List.of(ParameterDescription.internal("run.id", ParameterDescription.Type.COUNT, "set by Ambar"),
						ParameterDescription.internal("launched-at", ParameterDescription.Type.INSTANT, "set by Ambar")),
				true, JobDescription.Concurrency.ONE_PER_JOB);
	}

}
