package io.ambar.catalog;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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
		String already = ifCanonicalAlready(json);
		return (already != null) ? already : byTree(json);
	}

	/** {@link #canonical} through a tree: sorts, rewrites the numbers, or refuses. */
	static String byTree(String json) {
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

	/**
	 * The compact text of an object whose keys are in order and unique at every level and whose numbers are in
	 * canonical form already, as a program writes them (nearly every line of a feed); null for anything else, which
	 * the tree then sorts, rewrites or refuses. One streaming pass instead of a tree, sorted maps and a second
	 * pass: the tree's way was about a seventh of the product load's parsing thread, which the load waits for (a
	 * profile of P2's 1M-line load; its load 6.13 -> 5.52 s). Checked against the tree's text in
	 * ProductAttributesTests, over generated objects.
	 */
	static @Nullable String ifCanonicalAlready(String json) {
		StringWriter out = new StringWriter(json.length());
		try (JsonParser parser = MAPPER.createParser(json); JsonGenerator generator = MAPPER.createGenerator(out)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			// per open object or array: the last key seen in it (null before the first, and in arrays)
			List<@Nullable String> lastKeys = new ArrayList<>();
			JsonToken token = parser.currentToken();
			do {
				switch (token) {
					case START_OBJECT -> {
						generator.writeStartObject();
						lastKeys.add(null);
					}
					case START_ARRAY -> {
						generator.writeStartArray();
						lastKeys.add(null);
					}
					case END_OBJECT -> {
						generator.writeEndObject();
						lastKeys.remove(lastKeys.size() - 1);
					}
					case END_ARRAY -> {
						generator.writeEndArray();
						lastKeys.remove(lastKeys.size() - 1);
					}
					case PROPERTY_NAME -> {
						String name = parser.currentName();
						String last = lastKeys.get(lastKeys.size() - 1);
						if (name.indexOf('\0') >= 0 || (last != null && last.compareTo(name) >= 0)) {
							return null;
						}
						lastKeys.set(lastKeys.size() - 1, name);
						generator.writeName(name);
					}
					case VALUE_STRING -> {
						String text = parser.getString();
						if (text.indexOf('\0') >= 0) {
							return null;
						}
						generator.writeString(text);
					}
					case VALUE_NUMBER_INT -> {
						String text = parser.getText();
						if (!new BigInteger(text).toString().equals(text)) {
							return null;
						}
						generator.writeNumber(text);
					}
					case VALUE_NUMBER_FLOAT -> {
						String text = parser.getText();
						if (!new BigDecimal(text).stripTrailingZeros().toPlainString().equals(text)) {
							return null;
						}
						generator.writeNumber(text);
					}
					case VALUE_TRUE, VALUE_FALSE -> generator.writeBoolean(token == JsonToken.VALUE_TRUE);
					case VALUE_NULL -> generator.writeNull();
					default -> {
						return null;
					}
				}
			}
			while (!lastKeys.isEmpty() && (token = parser.nextToken()) != null);
			if (!lastKeys.isEmpty() || parser.nextToken() != null) {
				return null;
			}
		}
		catch (JacksonException | NumberFormatException ex) {
			// the tree says what is wrong
			return null;
		}
		return out.toString();
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
