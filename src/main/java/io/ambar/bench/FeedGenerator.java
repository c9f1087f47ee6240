package io.ambar.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * Writes the bench's starting catalogue and feeds, streaming, one line at a time: the same rows and seed always give
 * the same bytes.
 * <p>
 * Every field of an item is drawn from a {@link SplittableRandom} seeded by the item alone, so the catalogue (written
 * in SKU order) and a feed (written in a {@link Shuffle}d order) agree on each item without remembering any of them.
 * Which items a feed changes is also a permutation test, so "10% changed" is exactly {@code rows * 10 / 100} items.
 */
final class FeedGenerator {

	private static final String[] BRANDS = { "Nordik", "Alba", "Kestrel", "Oro", "Vela", "Sorrel", "Tundra", "Mira" };

	private static final String[] CATEGORIES = { "jackets", "shirts", "shoes", "bags", "hats", "scarves", "gloves" };

	private static final String[] MATERIALS = { "wool", "cotton", "linen", "leather", "denim", "silk", "canvas" };

	private static final String[] COLOURS = { "black", "white", "navy", "olive", "rust", "grey", "sand", "teal" };

	private static final String[] SIZES = { "XS", "S", "M", "L", "XL" };

	private static final String[] ADJECTIVES = { "Classic", "Light", "Warm", "Slim", "Relaxed", "Rugged", "Soft" };

	private final int rows;

	private final long seed;

	private final Shuffle order;

	private final Shuffle changes;

	FeedGenerator(int rows, long seed) {
		this.rows = rows;
		this.seed = seed;
		this.order = Shuffle.of(rows, seed);
		this.changes = Shuffle.of(rows, ~seed);
	}

	/** CSV {@code sku,name,price,currency,stock_quantity} of every item, in SKU order, with its starting stock. */
	void writeCatalogue(Path file) {
		write(file, "sku,name,price,currency,stock_quantity\n", k -> k, (item, line) -> {
			SplittableRandom product = random(item, 0);
			appendSku(line, item).append(',');
			appendName(line, product, item);
			line.append(',');
			appendPrice(line, product.nextInt(199, 100_000));
			line.append(",EUR,").append(startQuantity(item)).append('\n');
		});
	}

	/** CSV {@code sku,quantity} of every item, shuffled; {@code changedPercent}% of quantities differ from the start. */
	void writeStockFeed(Path file, int changedPercent) {
		write(file, "sku,quantity\n", this.order::apply, (item, line) -> appendSku(line, item).append(',')
			.append(isChanged(item, changedPercent) ? changedQuantity(item) : startQuantity(item))
			.append('\n'));
	}

	/**
	 * JSONL products, shuffled; {@code changedPercent}% of them have a new price, the others are exactly as in a
	 * feed written with 0%.
	 */
	void writeProductFeed(Path file, int changedPercent) {
		write(file, "", this.order::apply, (item, line) -> appendProduct(line, item, isChanged(item, changedPercent)));
	}

	boolean isChanged(int item, int changedPercent) {
		return this.changes.apply(item) < (long) this.rows * changedPercent / 100;
	}

	int startQuantity(int item) {
		return random(item, 1).nextInt(1000);
	}

	private int changedQuantity(int item) {
		return startQuantity(item) + 1 + random(item, 2).nextInt(500);
	}

	static String sku(int item) {
		return appendSku(new StringBuilder(12), item).toString();
	}

	/** {@code SKU-00000042} for item 41; by hand, as String.format would dominate the time of writing a feed. */
	private static StringBuilder appendSku(StringBuilder line, int item) {
		String number = Integer.toString(item + 1);
		line.append("SKU-");
		for (int pad = number.length(); pad < 8; pad++) {
			line.append('0');
		}
		return line.append(number);
	}

	// The word lists hold no quotes, backslashes or commas, so neither JSON nor CSV needs escaping here.
	private void appendProduct(StringBuilder line, int item, boolean changed) {
		SplittableRandom product = random(item, 0);
		appendSku(line.append("{\"sku\":\""), item).append("\",\"name\":\"");
		appendName(line, product, item);
		int cents = product.nextInt(199, 100_000) + (changed ? 100 + random(item, 3).nextInt(1000) : 0);
		line.append("\",\"price\":");
		appendPrice(line, cents);
		String material = pick(product, MATERIALS);
		String colour = pick(product, COLOURS);
		String size = pick(product, SIZES);
		String category = pick(product, CATEGORIES);
		line.append(",\"currency\":\"EUR\",\"description\":\"")
			.append(pick(product, ADJECTIVES))
			.append(' ')
			.append(material)
			.append(' ')
			.append(category, 0, category.length() - 1)
			.append(" in ")
			.append(colour)
			.append(", size ")
			.append(size)
			.append(".\",\"brand\":\"")
			.append(BRANDS[item % BRANDS.length])
			.append("\",\"category\":\"")
			.append(category)
			.append("\",\"attributes\":{\"colour\":\"")
			.append(colour)
			.append("\",\"size\":\"")
			.append(size)
			.append("\",\"material\":\"")
			.append(material)
			.append("\"},\"active\":")
			.append(product.nextInt(20) != 0)
			.append("}\n");
	}

	private static void appendName(StringBuilder line, SplittableRandom product, int item) {
		line.append(BRANDS[item % BRANDS.length]).append(' ').append(pick(product, ADJECTIVES)).append(' ').append(item + 1);
	}

	private static void appendPrice(StringBuilder line, int cents) {
		line.append(cents / 100).append('.').append((char) ('0' + cents % 100 / 10)).append((char) ('0' + cents % 10));
	}

	private static String pick(SplittableRandom random, String[] words) {
		return words[random.nextInt(words.length)];
	}

	/**
	 * A stream of its own for each item and purpose; the seed is mixed first because SplittableRandom seeds that
	 * differ by its gamma would give overlapping streams.
	 */
	private SplittableRandom random(int item, int purpose) {
		long z = this.seed + (item * 4L + purpose) * 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return new SplittableRandom(z ^ (z >>> 31));
	}

	private void write(Path file, String header, IntUnaryOperator itemAt, LineWriter lines) {
		try (Writer out = new BufferedWriter(
				new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
			out.write(header);
			StringBuilder line = new StringBuilder(512);
			for (int k = 0; k < this.rows; k++) {
				line.setLength(0);
				lines.append(itemAt.applyAsInt(k), line);
				out.append(line);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
	}

	private interface LineWriter {

		void append(int item, StringBuilder line);

	}

}
