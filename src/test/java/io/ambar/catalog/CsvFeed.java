package io.ambar.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a product feed in CSV with the columns {@code sku,name,price,currency,brand,active}:
 * {@code aFeed().product("A-1", "Anvil", "12.50").writeTo(dir)}. Cells hold no commas or quotes.
 */
final class CsvFeed {

	static final String HEADER = "sku,name,price,currency,brand,active";

	private static final AtomicInteger files = new AtomicInteger();

	private final List<String> lines = new ArrayList<>();

	private CsvFeed() {
	}

	static CsvFeed aFeed() {
		return new CsvFeed();
	}

	/** An active product in the default currency. */
	CsvFeed product(String sku, String name, String price) {
		return row(sku, name, price, "", "", "");
	}

	CsvFeed inactiveProduct(String sku, String name, String price) {
		return row(sku, name, price, "", "", "false");
	}

	CsvFeed row(String sku, String name, String price, String currency, String brand, String active) {
		return line(String.join(",", sku, name, price, currency, brand, active));
	}

	/** A line as it stands in the file, valid or not. */
	CsvFeed line(String text) {
		this.lines.add(text);
		return this;
	}

	/** Writes the feed to a new file in the directory and returns its path. */
	Path writeTo(Path directory) {
		Path file = directory.resolve("products-" + files.incrementAndGet() + ".csv");
		List<String> content = new ArrayList<>();
		content.add(HEADER);
		content.addAll(this.lines);
		try {
			return Files.write(file, content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
