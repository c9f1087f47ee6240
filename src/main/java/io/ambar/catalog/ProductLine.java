package io.ambar.catalog;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Currency;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.ambar.feed.FeedFields;
import io.ambar.feed.JsonType;

import org.jspecify.annotations.Nullable;

/**
 * One valid product feed line: the feed-owned columns of a product, already normalised.
 *
 * @param attributes a JSON object in canonical form (see {@link ProductAttributes#canonical})
 * @param price with scale 2
 */
record ProductLine(String sku, String name, @Nullable String description, @Nullable String brand,
		@Nullable String category, BigDecimal price, String currency, String attributes, boolean active, long line,
		String raw) {

	/**
	 * What a product feed line holds. In JSON Lines the texts are strings, a SKU may be an integer, a price a number
	 * or a string, {@code active} a boolean or a string, and {@code attributes} an object.
	 */
	static final FeedFields FIELDS = FeedFields.ANY.required("sku", JsonType.STRING_OR_INTEGER)
		.required("name", JsonType.STRING)
		.required("price", JsonType.NUMBER_OR_STRING)
		.optional("description", JsonType.STRING)
		.optional("brand", JsonType.STRING)
		.optional("category", JsonType.STRING)
		.optional("currency", JsonType.STRING)
		.optional("attributes", JsonType.OBJECT)
		.optional("active", JsonType.BOOLEAN_OR_STRING);

	/** Longest text a {@code varchar(255)} column holds, in characters (code points). */
	static final int MAX_TEXT = 255;

	/** numeric(12, 2): at most 10 digits before the point. */
	private static final int MAX_INTEGER_DIGITS = 10;

	// [0-9] is ASCII only: no other scripts' digits, no sign, no exponent, no grouping
	private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]{1,2})?");

	private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

	/** Tells encodings apart should the fields hashed ever change. */
	private static final String HASH_VERSION = "product-v1";

	/**
	 * Parses a price strictly: ASCII digits with at most one {@code .} followed by one or two digits, at most 10
	 * digits before it; surrounding white space is ignored, leading zeros are allowed.
	 * @return the price with scale 2, or null when the text is not such a number
	 */
	static @Nullable BigDecimal parsePrice(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String digits = text.strip();
		if (!PLAIN_DECIMAL.matcher(digits).matches()) {
			return null;
		}
		BigDecimal price = new BigDecimal(digits).setScale(2);
		return (price.precision() - price.scale() <= MAX_INTEGER_DIGITS) ? price : null;
	}

	/**
	 * Parses an ISO 4217 currency code: three upper-case ASCII letters that {@link Currency} knows; surrounding
	 * white space is ignored.
	 * @return the code, or null when the text is not such a code
	 */
	static @Nullable String parseCurrency(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String code = text.strip();
		if (!CURRENCY_CODE.matcher(code).matches()) {
			return null;
		}
		try {
			return Currency.getInstance(code).getCurrencyCode();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * SHA-256 of the feed-owned columns in lower-case hex. Each field is encoded as a null marker or as its UTF-8
	 * length and bytes, so no two different products share an encoding ({@code "ab", null} is not
	 * {@code "a", "b"}). Stock is not part of it: the stock feed owns that.
	 */
	String contentHash() {
		return contentHash(sha256());
	}

	/**
	 * The same hash with a digest the caller reuses from line to line ({@code MessageDigest.getInstance} per line
	 * was a provider lookup per line); the digest is reset first and left reset.
	 */
	String contentHash(MessageDigest digest) {
		digest.reset();
		update(digest, HASH_VERSION);
		update(digest, this.name);
		update(digest, this.description);
		update(digest, this.brand);
		update(digest, this.category);
		update(digest, this.price.toPlainString());
		update(digest, this.currency);
		update(digest, this.attributes);
		update(digest, this.active ? "true" : "false");
		return HexFormat.of().formatHex(digest.digest());
	}

	private static void update(MessageDigest digest, @Nullable String field) {
		if (field == null) {
			digest.update((byte) 0);
			return;
		}
		byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
		int length = bytes.length;
		digest.update((byte) 1);
		// the length big-endian, as ByteBuffer.putInt wrote it
		digest.update((byte) (length >>> 24));
		digest.update((byte) (length >>> 16));
		digest.update((byte) (length >>> 8));
		digest.update((byte) length);
		digest.update(bytes);
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
