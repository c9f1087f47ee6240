package io.ambar.catalog;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import io.ambar.feed.SkuRangePartitioner;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the product-sync job, {@code ambar.catalog.*}.
 *
 * @param loadChunkSize feed lines per load transaction (staging rows and rejects commit together)
 * @param applyChunkSize changed products per apply transaction; also the page size of the staging reader
 * @param defaultCurrency ISO 4217 code of feed lines without a currency
 * @param applyPartitions SKU ranges applied at once, each on its own connection; about the database's cores.
 * Unset: this machine's processors, at most 4 (see {@link SkuRangePartitioner#defaultPartitions()})
 */
@Validated
@ConfigurationProperties("ambar.catalog")
record ProductProperties(@DefaultValue("5000") @Positive int loadChunkSize,
		@DefaultValue("1000") @Positive int applyChunkSize,
		@DefaultValue("EUR") @Pattern(regexp = "[A-Z]{3}") String defaultCurrency, @Positive Integer applyPartitions) {

	ProductProperties {
		applyPartitions = (applyPartitions != null) ? applyPartitions : SkuRangePartitioner.defaultPartitions();
	}

}
