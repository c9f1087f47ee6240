package io.ambar.stock;

import jakarta.validation.constraints.Positive;

import io.ambar.feed.SkuRangePartitioner;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the stock-update job, {@code ambar.stock.*}.
 *
 * @param loadChunkSize feed lines per load transaction (staging rows and rejects commit together)
 * @param applyChunkSize changed SKUs per apply transaction; also the page size of the staging reader
 * @param applyPartitions SKU ranges applied at once, each on its own connection; about the database's cores.
 * Unset: this machine's processors, at most 4 (see {@link SkuRangePartitioner#defaultPartitions()})
 */
@Validated
@ConfigurationProperties("ambar.stock")
record StockProperties(@DefaultValue("50000") @Positive int loadChunkSize,
		@DefaultValue("10000") @Positive int applyChunkSize, @Positive Integer applyPartitions) {

	StockProperties {
		applyPartitions = (applyPartitions != null) ? applyPartitions : SkuRangePartitioner.defaultPartitions();
	}

}
