package io.ambar.bench;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.namedparam.SimplePropertySqlParameterSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The usual Spring Batch way to apply a stock feed, the bench's contender (b): a delimited reader into a
 * {@link JdbcBatchItemWriter} that updates one row per line, 1000 lines a chunk.
 * <p>
 * Active only in the bench's own context ({@link PlainJobs}), so no job registry or command of the application
 * ever sees the job.
 */
@Configuration(proxyBeanMethods = false)
@Profile(PlainJobs.PROFILE)
class PlainStockJobConfiguration {

	@Bean
	Job benchPlainStockJob(JobRepository jobRepository, Step benchPlainStockStep) {
		return new JobBuilder("bench-plain-stock", jobRepository).start(benchPlainStockStep).build();
	}

	@Bean
	Step benchPlainStockStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FlatFileItemReader<StockLine> benchStockReader, JdbcBatchItemWriter<StockLine> benchStockWriter) {
		return new StepBuilder("bench-plain-stock-apply", jobRepository).<StockLine, StockLine>chunk(1000)
			.transactionManager(transactionManager)
			.reader(benchStockReader)
			.writer(benchStockWriter)
			.build();
	}

	@Bean
	@StepScope
	FlatFileItemReader<StockLine> benchStockReader(@Value("#{jobParameters['file']}") String file) {
		return new FlatFileItemReaderBuilder<StockLine>().name("benchStockReader")
			.resource(new FileSystemResource(file))
			.linesToSkip(1)
			.delimited()
			.names("sku", "quantity")
			.targetType(StockLine.class)
			.build();
	}

	@Bean
	JdbcBatchItemWriter<StockLine> benchStockWriter(DataSource dataSource) {
		return new JdbcBatchItemWriterBuilder<StockLine>().dataSource(dataSource)
			.sql("UPDATE products SET stock_quantity = :quantity, updated_at = now() WHERE sku = :sku")
			.itemSqlParameterSourceProvider(SimplePropertySqlParameterSource::new)
			.build();
	}

	/** One line of a stock feed. */
	record StockLine(String sku, int quantity) {
	}

}
