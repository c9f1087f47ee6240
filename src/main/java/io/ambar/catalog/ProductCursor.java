package io.ambar.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of {@code GET /api/products}: the last SKU of a page, base64url-encoded behind a format
 * version, so that its form can change without clients noticing. Pages are ordered by SKU, which is unique, so
 * the SKU alone says where the next page starts.
 */
final class ProductCursor {

	private static final String FORMAT = "1:";

	private ProductCursor() {
	}

	static String after(String sku) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString((FORMAT + sku).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The SKU the cursor continues after.
	 * @throws IllegalArgumentException for a cursor this API did not hand out
	 */
	static String sku(String cursor) {
		String text;
		try {
			text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("is not a cursor this API returned");
		}
		if (!text.startsWith(FORMAT) || text.length() == FORMAT.length() || text.length() > FORMAT.length() + 64) {
			throw new IllegalArgumentException("is not a cursor this API returned");
		}
		return text.substring(FORMAT.length());
	}

}
