package io.ambar.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the demo's feeds: a fixed catalogue (same bytes every time, so a second demo shows that an applied feed
 * is not applied again) and a fresh stock feed with a few bad lines of each kind.
 */
final class DemoFeeds {

	private static final String[] BRANDS = { "Acme", "Globex", "Initech", "Umbrella", "Hooli" };

	private static final String[] CATEGORIES = { "garden", "kitchen", "tools", "toys", "office" };

	private DemoFeeds() {
	}

	static String sku(int i) {
		return String.format(Locale.ROOT, "DEMO-%06d", i);
	}

	static Path catalogue(Path dir, int products) throws IOException {
		Path file = dir.resolve("products.jsonl");
		SplittableRandom random = new SplittableRandom(42);
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			for (int i = 0; i < products; i++) {
				out.write(String.format(Locale.ROOT,
						"{\"sku\":\"%s\",\"name\":\"Demo product %d\",\"price\":\"%d.%02d\",\"currency\":\"EUR\",\"brand\":\"%s\","
								+ "\"category\":\"%s\",\"attributes\":{\"weight_g\":%d}}%n",
						sku(i), i, random.nextInt(1, 500), random.nextInt(100), BRANDS[i % BRANDS.length],
						CATEGORIES[i % CATEGORIES.length], random.nextInt(50, 5000)));
			}
		}
		return file;
	}

	/** A stock line for every product, in a shuffled order, plus one bad line of each kind per 1,000 lines. */
	static Path stock(Path dir, int products, long seed) throws IOException {
		Path file = dir.resolve("stock.csv");
		SplittableRandom random = new SplittableRandom(seed);
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("sku,quantity,warehouse\n");
			for (int n = 0; n < products; n++) {
				// a fixed odd multiplier visits every index once: a shuffle without a list in memory
				int i = (int) ((n * 7919L) % products);
				out.write(sku(i) + "," + random.nextInt(0, 1000) + ",WH-1\n");
				if (n % 1000 == 999) {
					out.write(sku(i) + ",-3,WH-1\n");
					out.write(sku(i) + ",12.5,WH-1\n");
					out.write("NO-SUCH-SKU-" + n + ",5,WH-1\n");
					out.write(",7,WH-1\n");
				}
			}
		}
		return file;
	}

}
