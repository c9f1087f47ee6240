package io.ambar.stock;

import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

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
 * @param applyPassPages pages of the catalogue whose changed rows are applied, stripe after stripe, before the next
 * pages'. Unset: a quarter of shared_buffers, or the whole catalogue while it fits in half of them (see
 * {@code StockClassifyTasklet.applyOrder})
 */
@Validated
@ConfigurationProperties("ambar.stock")
record StockProperties(@DefaultValue("50000") @Positive int loadChunkSize,
		@DefaultValue("10000") @Positive int applyChunkSize, @Positive Integer applyPartitions,
		@Positive @Nullable Integer applyPassPages) {

	StockProperties {
		applyPartitions = (applyPartitions != null) ? applyPartitions : SkuRangePartitioner.defaultPartitions();
	}

}
