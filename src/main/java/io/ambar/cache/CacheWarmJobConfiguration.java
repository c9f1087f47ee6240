package io.ambar.cache;

import java.util.List;

import io.ambar.feed.FeedParameters;
import io.ambar.job.JobDescription;
import io.ambar.job.ParameterDescription;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The cache-warm job: fills Redis with every active product, for a cold Redis (new, flushed, restarted without
 * persistence). Reads the catalogue by SKU in keyset pages, one page ahead, and writes each page in one pipeline,
 * each write a compare-and-set on the version, so it never overwrites what a refresh wrote meanwhile. A failed run
 * restarts after its last committed page. Refuses to start when no Redis is configured.
 */
@Configuration(proxyBeanMethods = false)
class CacheWarmJobConfiguration {

	static final String JOB_NAME = "cache-warm";

	@Bean
	Job cacheWarmJob(JobRepository jobRepository, Step cacheWarmStep, ObjectProvider<RedisProducts> redis) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(validator(redis.getIfAvailable() != null))
			.start(cacheWarmStep)
			.build();
	}

	@Bean
	JobDescription cacheWarmDescription() {
		return new JobDescription(JOB_NAME, "fills Redis with every active product, for a cold Redis",
				List.of(ParameterDescription.internal(FeedParameters.RUN_ID, ParameterDescription.Type.COUNT,
						"makes each launch a new job instance (set by Ambar)"),
						ParameterDescription.internal(FeedParameters.LAUNCHED_AT, ParameterDescription.Type.INSTANT,
								"when the run was launched (set by Ambar)"),
						ParameterDescription.internal(FeedParameters.SCHEDULE, ParameterDescription.Type.TEXT,
								"the schedule that fired the run"),
						ParameterDescription.internal(FeedParameters.FIRE_TIME, ParameterDescription.Type.INSTANT,
								"the scheduled fire time of the run")),
				true, JobDescription.Concurrency.ONE_PER_JOB);
	}

	@Bean
	Step cacheWarmStep(JobRepository jobRepository, PlatformTransactionManager tm,
			ActiveProductPages cacheWarmReader, ProductCache cache, CacheProperties properties) {
		return new StepBuilder("warm", jobRepository).<CachedProduct, CachedProduct>chunk(properties.warmChunkSize())
			.transactionManager(tm)
			.reader(cacheWarmReader)
			.writer(chunk -> cache.warm(chunk.getItems()))
			.listener(new WarmSummary())
			.build();
	}

	/** The active products in SKU order, a page read ahead; a restart resumes after the last committed SKU. */
	@Bean
	@StepScope
	ActiveProductPages cacheWarmReader(JdbcClient jdbc, CacheProperties properties) {
		return new ActiveProductPages(jdbc, properties.warmChunkSize());
	}

	/** No parameters of its own; those every launcher adds are accepted. Without Redis, a one-line refusal. */
	static JobParametersValidator validator(boolean redis) {
		DefaultJobParametersValidator keys = new DefaultJobParametersValidator(new String[0],
				new String[] { FeedParameters.RUN_ID, FeedParameters.LAUNCHED_AT, FeedParameters.SCHEDULE,
						FeedParameters.FIRE_TIME });
		return parameters -> {
			if (!redis) {
				throw new InvalidJobParametersException("cache-warm fills Redis, and no Redis is configured: set "
						+ "SPRING_DATA_REDIS_HOST (and _PORT) or spring.data.redis.url");
			}
			keys.validate(parameters);
		};
	}

}
