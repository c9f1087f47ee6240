package io.ambar.catalog;

import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical text of a product's {@code attributes}: a JSON object with its keys sorted at every level,
 * numbers as plain decimals without trailing zeros ({@code 1.50} and {@code 15e-1} are both {@code 1.5}), no
 * white space. Equal attributes get equal text, so the content hash does not change with key order or
 * formatting.
 */
final class ProductAttributes {

	static final String EMPTY = "{}";

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED, JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS,
				JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		// {"a":1,"a":2} and {} followed by text are ambiguous: refuse them rather than guess
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	private ProductAttributes() {
	}

	/**
	 * The canonical form of a JSON object.
	 * @throws IllegalArgumentException saying why when the text is not a single JSON object that PostgreSQL's
	 * {@code jsonb} can store
	 */
	static String canonical(String json) {
		JsonNode node;
		String canonical;
		try {
			node = MAPPER.readTree(json);
			canonical = node.isObject() ? MAPPER.writeValueAsString(node) : null;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("attributes are not valid JSON: " + ex.getOriginalMessage());
		}
		if (canonical == null) {
			throw new IllegalArgumentException("attributes must be a JSON object, not " + describe(node));
		}
		if (holdsNul(node)) {
			throw new IllegalArgumentException("attributes hold the character U+0000, which jsonb cannot store");
		}
		return canonical;
	}

	private static boolean holdsNul(JsonNode node) {
		if (node.isString()) {
			return node.asString().indexOf('\0') >= 0;
		}
		if (node.isObject()) {
			return node.properties()
				.stream()
				.anyMatch(property -> property.getKey().indexOf('\0') >= 0 || holdsNul(property.getValue()));
		}
		return node.isArray() && node.valueStream().anyMatch(ProductAttributes::holdsNul);
	}

	private static String describe(JsonNode node) {
		return node.isMissingNode() ? "nothing" : "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
	}

}
