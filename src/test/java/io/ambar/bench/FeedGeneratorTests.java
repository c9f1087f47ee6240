package io.ambar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FeedGeneratorTests {

	@TempDir
	Path dir;

	@Test
	void writesTheSameBytesForTheSameSeed() throws IOException {
		new FeedGenerator(1000, 42).writeProductFeed(this.dir.resolve("a.jsonl"), 10);
		new FeedGenerator(1000, 42).writeProductFeed(this.dir.resolve("b.jsonl"), 10);
		new FeedGenerator(1000, 43).writeProductFeed(this.dir.resolve("c.jsonl"), 10);

		assertThat(Files.readAllBytes(this.dir.resolve("a.jsonl"))).isEqualTo(Files.readAllBytes(this.dir.resolve("b.jsonl")))
			.isNotEqualTo(Files.readAllBytes(this.dir.resolve("c.jsonl")));
	}

	@Test
	void writesOneLinePerItemEachSkuOnceAndNotInSkuOrder() throws IOException {
		FeedGenerator generator = new FeedGenerator(1000, 42);
		generator.writeCatalogue(this.dir.resolve("catalogue.csv"));
		generator.writeStockFeed(this.dir.resolve("stock.csv"), 100);
		generator.writeProductFeed(this.dir.resolve("products.jsonl"), 0);

		List<String> catalogue = Files.readAllLines(this.dir.resolve("catalogue.csv"));
		List<String> stock = Files.readAllLines(this.dir.resolve("stock.csv"));
		assertThat(catalogue).hasSize(1001).first().isEqualTo("sku,name,price,currency,stock_quantity");
		assertThat(catalogue.get(1)).startsWith("SKU-00000001,");
		assertThat(stock).hasSize(1001).first().isEqualTo("sku,quantity");
		List<String> feedSkus = stock.stream().skip(1).map(line -> line.split(",")[0]).toList();
		assertThat(feedSkus).doesNotHaveDuplicates().isNotEqualTo(feedSkus.stream().sorted().toList());
		assertThat(feedSkus).containsExactlyInAnyOrderElementsOf(
				catalogue.stream().skip(1).map(line -> line.split(",")[0]).toList());
		assertThat(Files.readAllLines(this.dir.resolve("products.jsonl"))).hasSize(1000)
			.allSatisfy(line -> assertThat(line).startsWith("{\"sku\":\"SKU-").endsWith("}"));
	}

	@Test
	void changesExactlyTheAskedShareOfStockQuantities() throws IOException {
		FeedGenerator generator = new FeedGenerator(1000, 42);
		generator.writeCatalogue(this.dir.resolve("catalogue.csv"));
		generator.writeStockFeed(this.dir.resolve("all.csv"), 100);
		generator.writeStockFeed(this.dir.resolve("tenth.csv"), 10);

		Map<String, String> start = csvColumn(this.dir.resolve("catalogue.csv"), 4);
		assertThat(changedQuantities(start, this.dir.resolve("all.csv"))).isEqualTo(1000);
		assertThat(changedQuantities(start, this.dir.resolve("tenth.csv"))).isEqualTo(100);
	}

	@Test
	void changesExactlyTheAskedShareOfProducts() throws IOException {
		FeedGenerator generator = new FeedGenerator(1000, 42);
		generator.writeProductFeed(this.dir.resolve("base.jsonl"), 0);
		generator.writeProductFeed(this.dir.resolve("tenth.jsonl"), 10);

		Map<String, String> base = jsonLinesBySku(this.dir.resolve("base.jsonl"));
		Map<String, String> tenth = jsonLinesBySku(this.dir.resolve("tenth.jsonl"));
		assertThat(tenth.keySet()).isEqualTo(base.keySet());
		assertThat(base.keySet().stream().filter(sku -> !base.get(sku).equals(tenth.get(sku)))).hasSize(100);
	}

	private static long changedQuantities(Map<String, String> start, Path feed) throws IOException {
		Map<String, String> quantities = csvColumn(feed, 1);
		assertThat(quantities.keySet()).isEqualTo(start.keySet());
		return quantities.entrySet().stream().filter(e -> !e.getValue().equals(start.get(e.getKey()))).count();
	}

	private static Map<String, String> csvColumn(Path file, int column) throws IOException {
		return Files.readAllLines(file)
			.stream()
			.skip(1)
			.map(line -> line.split(","))
			.collect(Collectors.toMap(fields -> fields[0], fields -> fields[column]));
	}

	private static Map<String, String> jsonLinesBySku(Path file) throws IOException {
		return Files.readAllLines(file)
			.stream()
			.collect(Collectors.toMap(line -> line.substring(8, 20), Function.identity()));
	}

}
