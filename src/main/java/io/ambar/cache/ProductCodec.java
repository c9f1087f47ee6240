package io.ambar.cache;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The Redis value of a cache entry, in a compact binary form (written here rather than with a serialisation
 * library because the compare-and-set script must find the version at a fixed place, and because it is a third of
 * the entry's JSON).
 * <p>
 * Layout: the version as 8 bytes, big-endian (the script reads it); a kind byte, 0 for an absent SKU (nothing
 * follows) or 1 for a product; then a flags byte (active, and which of description, brand, category follow), the
 * name, [description], [brand], [category], the attributes JSON and the currency as length-prefixed UTF-8, the price
 * in cents, the stock and {@code updated_at} in microseconds since the epoch as unsigned or zig-zag variable-length
 * integers. The SKU is the key's, not repeated.
 */
final class ProductCodec {

	private static final byte ABSENT = 0;

	private static final byte PRODUCT = 1;

	private static final int ACTIVE = 1;

	private static final int DESCRIPTION = 2;

	private static final int BRAND = 4;

	private static final int CATEGORY = 8;

	private ProductCodec() {
	}

	static byte[] encode(CacheEntry entry) {
		Out out = new Out(256);
		out.fixedLong(entry.version());
		CachedProduct product = entry.product();
		if (product == null) {
			out.write(ABSENT);
			return out.bytes();
		}
		out.write(PRODUCT);
		out.write((product.active() ? ACTIVE : 0) | (product.description() != null ? DESCRIPTION : 0)
				| (product.brand() != null ? BRAND : 0) | (product.category() != null ? CATEGORY : 0));
		out.text(product.name());
		out.optionalText(product.description());
		out.optionalText(product.brand());
		out.optionalText(product.category());
		out.text(product.attributes());
		out.text(product.currency());
		out.varLong(product.price().movePointRight(2).longValueExact());
		out.varLong(product.stock());
		Instant updated = product.updatedAt();
		out.varLong(zigZag(updated.getEpochSecond() * 1_000_000 + updated.getNano() / 1_000));
		return out.bytes();
	}

	/**
	 * @throws IllegalArgumentException for bytes this codec did not write
	 */
	static CacheEntry decode(String sku, byte[] bytes) {
		In in = new In(bytes);
		long version = in.fixedLong();
		byte kind = in.read();
		if (kind == ABSENT) {
			return new CacheEntry(version, null);
		}
		if (kind != PRODUCT) {
			throw new IllegalArgumentException("not a cached product: kind " + kind);
		}
		int flags = in.read();
		String name = in.text();
		String description = ((flags & DESCRIPTION) != 0) ? in.text() : null;
		String brand = ((flags & BRAND) != 0) ? in.text() : null;
		String category = ((flags & CATEGORY) != 0) ? in.text() : null;
		String attributes = in.text();
		String currency = in.text();
		BigDecimal price = BigDecimal.valueOf(in.varLong(), 2);
		int stock = (int) in.varLong();
		long micros = unZigZag(in.varLong());
		Instant updated = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
		return new CacheEntry(version, new CachedProduct(sku, name, description, brand, category, price, currency,
				attributes, (flags & ACTIVE) != 0, stock, version, updated));
	}

	/** The version an encoded value starts with. */
	static long version(byte[] bytes) {
		return new In(bytes).fixedLong();
	}

	private static long zigZag(long value) {
		return (value << 1) ^ (value >> 63);
	}

	private static long unZigZag(long value) {
		return (value >>> 1) ^ -(value & 1);
	}

	private static final class Out {

		private byte[] buffer;

		private int size;

		Out(int capacity) {
			this.buffer = new byte[capacity];
		}

		void write(int b) {
			if (this.size == this.buffer.length) {
				this.buffer = Arrays.copyOf(this.buffer, this.buffer.length * 2);
			}
			this.buffer[this.size++] = (byte) b;
		}

		void fixedLong(long value) {
			for (int shift = 56; shift >= 0; shift -= 8) {
				write((int) (value >>> shift));
			}
		}

		void varLong(long value) {
			while ((value & ~0x7FL) != 0) {
				write((int) ((value & 0x7F) | 0x80));
				value >>>= 7;
			}
			write((int) value);
		}

		void text(String text) {
			byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
			varLong(utf8.length);
			if (this.size + utf8.length > this.buffer.length) {
				this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.size + utf8.length));
			}
			System.arraycopy(utf8, 0, this.buffer, this.size, utf8.length);
			this.size += utf8.length;
		}

		void optionalText(@Nullable String text) {
			if (text != null) {
				text(text);
			}
		}

		byte[] bytes() {
			return Arrays.copyOf(this.buffer, this.size);
		}

	}

	private static final class In {

		private final byte[] bytes;

		private int position;

		In(byte[] bytes) {
			this.bytes = bytes;
		}

		byte read() {
			if (this.position >= this.bytes.length) {
				throw new IllegalArgumentException("cached product truncated at byte " + this.position);
			}
			return this.bytes[this.position++];
		}

		long fixedLong() {
			long value = 0;
			for (int i = 0; i < 8; i++) {
				value = (value << 8) | (read() & 0xFF);
			}
			return value;
		}

		long varLong() {
			long value = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				byte b = read();
				value |= (long) (b & 0x7F) << shift;
				if (b >= 0) {
					return value;
				}
			}
			throw new IllegalArgumentException("malformed variable-length integer at byte " + this.position);
		}

		String text() {
			long length = varLong();
			if (length < 0 || length > this.bytes.length - this.position) {
				throw new IllegalArgumentException("cached product truncated at byte " + this.position);
			}
			String text = new String(this.bytes, this.position, (int) length, StandardCharsets.UTF_8);
			this.position += (int) length;
			return text;
		}

	}

}
