package io.ambar.catalog;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Locale;

import io.ambar.feed.FeedRecord;
import io.ambar.feed.Reject;
import io.ambar.feed.SkuRule;
import io.ambar.feed.Validated;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Turns a feed record into a {@link ProductLine}, or a reject naming the first rule it breaks. Texts are
 * trimmed and NFC-normalised, and a blank optional field counts as absent, because a CSV feed cannot tell an
 * empty cell from a missing value.
 */
class ProductLineValidator implements ItemProcessor<FeedRecord, Validated<ProductLine>> {

	private final String defaultCurrency;

	/**
	 * @param defaultCurrency the currency of lines that name none
	 * @throws IllegalArgumentException when the default is not an ISO 4217 code
	 */
	ProductLineValidator(String defaultCurrency) {
		String code = ProductLine.parseCurrency(defaultCurrency);
		if (code == null) {
			throw new IllegalArgumentException("default currency '" + defaultCurrency + "' is not an ISO 4217 code");
		}
		this.defaultCurrency = code;
	}

	@Override
	public Validated<ProductLine> process(FeedRecord record) {
		if (record.problem() != null) {
			return Validated.rejected(Reject.of(record, record.problem()));
		}
		String sku = SkuRule.trimmed(record);
		Reject badSku = SkuRule.check(record, sku);
		if (badSku != null) {
			return Validated.rejected(badSku);
		}
		Rejects rejects = new Rejects(record, sku);
		String name = normalised(record.field("name"));
		if (name == null) {
			return rejects.of("MISSING_NAME", "name is missing or blank");
		}
		String badName = checkLabel("name", name);
		if (badName != null) {
			return rejects.of("INVALID_NAME", badName);
		}
		String priceText = record.field("price");
		if (priceText == null || priceText.isBlank()) {
			return rejects.of("MISSING_PRICE", "price is missing or blank");
		}
		BigDecimal price = ProductLine.parsePrice(priceText);
		if (price == null) {
			return rejects.of("INVALID_PRICE", "price '" + priceText
					+ "' is not a plain decimal from 0 to 9999999999.99 with at most 2 digits after the point");
		}
		String currencyText = record.field("currency");
		String currency = isBlank(currencyText) ? this.defaultCurrency : ProductLine.parseCurrency(currencyText);
		if (currency == null) {
			return rejects.of("INVALID_CURRENCY", "currency '" + currencyText + "' is not an ISO 4217 code");
		}
		String attributesText = record.field("attributes");
		String attributes = ProductAttributes.EMPTY;
		try {
			if (!isBlank(attributesText)) {
				attributes = ProductAttributes.canonical(attributesText);
			}
		}
		catch (IllegalArgumentException ex) {
			return rejects.of("INVALID_ATTRIBUTES", ex.getMessage());
		}
		String activeText = record.field("active");
		Boolean active = isBlank(activeText) ? Boolean.TRUE : parseActive(activeText);
		if (active == null) {
			return rejects.of("INVALID_ACTIVE", "active '" + activeText + "' is neither true nor false");
		}
		String brand = normalised(record.field("brand"));
		String category = normalised(record.field("category"));
		String description = normalised(record.field("description"));
		String badField = (brand != null) ? checkLabel("brand", brand) : null;
		if (badField == null && category != null) {
			badField = checkLabel("category", category);
		}
		if (badField == null && description != null && description.indexOf('\0') >= 0) {
			badField = "description holds the character U+0000";
		}
		if (badField != null) {
			return rejects.of("INVALID_FIELD", badField);
		}
		return Validated.valid(new ProductLine(sku, name, description, brand, category, price, currency, attributes,
				active, record.line(), record.raw()));
	}

	/** The text trimmed and in NFC, or null when absent or blank. */
	static @Nullable String normalised(@Nullable String text) {
		if (isBlank(text)) {
			return null;
		}
		String stripped = text.strip();
		// the quick check passes over text already in NFC (nearly all of it) without building a copy
		return Normalizer.isNormalized(stripped, Normalizer.Form.NFC) ? stripped
				: Normalizer.normalize(stripped, Normalizer.Form.NFC);
	}

	/** Why a one-line text does not fit its {@code varchar(255)} column, or null when it does. */
	private static @Nullable String checkLabel(String field, String text) {
		int length = text.codePointCount(0, text.length());
		if (length > ProductLine.MAX_TEXT) {
			return field + " has " + length + " characters, at most " + ProductLine.MAX_TEXT + " allowed";
		}
		for (int i = 0; i < text.length(); i++) {
			if (Character.isISOControl(text.charAt(i))) {
				return field + " holds a control character at position " + (i + 1);
			}
		}
		return null;
	}

	private static @Nullable Boolean parseActive(String text) {
		return switch (text.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> null;
		};
	}

	private static boolean isBlank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	/** Rejects of one record whose SKU is valid. */
	private record Rejects(FeedRecord record, String sku) {

		Validated<ProductLine> of(String reason, String detail) {
			return Validated.rejected(new Reject(this.record.line(), this.record.raw(), this.sku, reason, detail));
		}

	}

}
