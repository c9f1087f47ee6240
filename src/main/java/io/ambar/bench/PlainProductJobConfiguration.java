package io.ambar.bench;

import java.math.BigDecimal;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The usual Spring Batch way to apply a JSONL product feed, the bench's contender (b): a line reader that maps each
 * line with Jackson into a {@link JdbcBatchItemWriter} that upserts one product per line, 1000 lines a chunk.
 * <p>
 * JsonItemReader expects one JSON array, not one document per line, hence the FlatFileItemReader. Active only in the
 * bench's own context ({@link PlainJobs}).
 */
@Configuration(proxyBeanMethods = false)
@Profile(PlainJobs.PROFILE)
class PlainProductJobConfiguration {

	@Bean
	Job benchPlainProductJob(JobRepository jobRepository, Step benchPlainProductStep) {
		return new JobBuilder("bench-plain-product", jobRepository).start(benchPlainProductStep).build();
	}

	@Bean
	Step benchPlainProductStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FlatFileItemReader<ProductLine> benchProductReader, JdbcBatchItemWriter<ProductLine> benchProductWriter) {
		return new StepBuilder("bench-plain-product-apply", jobRepository).<ProductLine, ProductLine>chunk(1000)
			.transactionManager(transactionManager)
			.reader(benchProductReader)
			.writer(benchProductWriter)
			.build();
	}

	@Bean
	@StepScope
	FlatFileItemReader<ProductLine> benchProductReader(@Value("#{jobParameters['file']}") String file) {
		JsonMapper json = JsonMapper.builder().build();
		return new FlatFileItemReaderBuilder<ProductLine>().name("benchProductReader")
			.resource(new FileSystemResource(file))
			.lineMapper((line, lineNumber) -> json.readValue(line, ProductLine.class))
			.build();
	}

	@Bean
	JdbcBatchItemWriter<ProductLine> benchProductWriter(DataSource dataSource) {
		return new JdbcBatchItemWriterBuilder<ProductLine>().dataSource(dataSource)
			.sql("""
					INSERT INTO products (sku, name, description, brand, category, price, currency, attributes, active)
					VALUES (:sku, :name, :description, :brand, :category, :price, :currency, CAST(:attributes AS jsonb), :active)
					""" + SqlReference.ON_CONFLICT_UPDATE)
			.itemSqlParameterSourceProvider(product -> new MapSqlParameterSource().addValue("sku", product.sku())
				.addValue("name", product.name())
				.addValue("description", product.description())
				.addValue("brand", product.brand())
				.addValue("category", product.category())
				.addValue("price", product.price())
				.addValue("currency", product.currency())
				.addValue("attributes", product.attributes().toString())
				.addValue("active", product.active()))
			.build();
	}

	/** One line of a product feed. */
	record ProductLine(String sku, String name, @Nullable String description, @Nullable String brand,
			@Nullable String category, BigDecimal price, String currency, JsonNode attributes, boolean active) {
	}

}
