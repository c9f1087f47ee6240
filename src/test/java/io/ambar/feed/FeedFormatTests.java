package io.ambar.feed;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedFormatTests {

	@Test
	void tellsJsonLinesFromCsvByTheFileNameInAnyCase() {
		assertThat(FeedFormat.of(Path.of("/feeds/products.jsonl"))).isEqualTo(FeedFormat.JSONL);
		assertThat(FeedFormat.of(Path.of("products.JSONL.GZ"))).isEqualTo(FeedFormat.JSONL);
		assertThat(FeedFormat.of(Path.of("stock.csv.gz"))).isEqualTo(FeedFormat.CSV);
		assertThat(FeedFormat.of(Path.of("stock.txt"))).isEqualTo(FeedFormat.CSV);
		assertThat(FeedFormat.of(Path.of("jsonl"))).isEqualTo(FeedFormat.CSV);
	}

	@Test
	void tellsGzipByTheGzSuffix() {
		assertThat(FeedFormat.isGzip(Path.of("stock.csv.gz"))).isTrue();
		assertThat(FeedFormat.isGzip(Path.of("products.jsonl.GZ"))).isTrue();
		assertThat(FeedFormat.isGzip(Path.of("stock.csv"))).isFalse();
		assertThat(FeedFormat.isGzip(Path.of("gz"))).isFalse();
	}

}
