package io.ambar.feed;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The records of a JSON Lines feed, one object per line, flattened to text: strings as their value, numbers as
 * written, booleans as {@code true}/{@code false}, nested objects and arrays as compact JSON, nulls left out. A
 * field whose value has the wrong {@link JsonType}, or a text field holding an unpaired surrogate, makes the line a
 * reject ({@link RowProblem#WRONG_TYPE}, {@link RowProblem#INVALID_TEXT}) and is left out. Not thread-safe.
 */
final class JsonLines implements RecordSource {

	private static final JsonFactory JSON = new JsonFactory();

	private final PhysicalLines lines;

	private final FeedFields expected;

	private JsonLines(PhysicalLines lines, FeedFields expected) {
		this.lines = lines;
		this.expected = expected;
	}

	static JsonLines open(Path file, FeedFields expected, long maxDecompressedBytes) {
		return new JsonLines(PhysicalLines.open(file, maxDecompressedBytes), expected);
	}

	@Override
	public @Nullable FeedRecord next() {
		String text = this.lines.next();
		while (text != null && text.isEmpty()) {
			text = this.lines.next();
		}
		if (text == null) {
			return null;
		}
		PhysicalLines.TooLong tooLong = this.lines.tooLong();
		if (tooLong != null) {
			return new FeedRecord(this.lines.lineNumber(), LedgerText.cut(text, tooLong.bytes()), Map.of(),
					RowProblem.lineTooLong(tooLong.bytes()));
		}
		return parse(this.lines.lineNumber(), text, this.expected);
	}

	static FeedRecord parse(long line, String text, FeedFields expected) {
		// the line was decoded from strict UTF-8: only a backslash-u escape can make an unpaired surrogate
		boolean escapes = text.indexOf("\\u") >= 0;
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
			JsonToken first = parser.nextToken();
			if (first != JsonToken.START_OBJECT) {
				return malformed(line, text, "expected a JSON object, found " + describe(first));
			}
			Map<String, @Nullable String> fields = new HashMap<>();
			boolean nulls = false;
			@Nullable RowProblem problem = null;
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				String key = name.toLowerCase(Locale.ROOT);
				if (fields.containsKey(key)) {
					return malformed(line, text, "duplicate key '" + key + "'");
				}
				JsonToken token = parser.nextToken();
				JsonType type = expected.typeOf(key);
				String value;
				if (type != null && token != JsonToken.VALUE_NULL && !type.accepts(token)) {
					problem = (problem != null) ? problem : new RowProblem(RowProblem.WRONG_TYPE,
							key + " must be " + type.expected() + ", got " + describe(token));
					parser.skipChildren();
					value = null;
				}
				else {
					value = valueText(parser, token);
					if (escapes && type != null && value != null && Surrogates.firstUnpaired(value) >= 0) {
						problem = (problem != null) ? problem : unpairedSurrogate(key, value);
						value = null;
					}
				}
				nulls |= (value == null);
				fields.put(key, value);
			}
			if (parser.nextToken() != null) {
				return malformed(line, text, "text after the object");
			}
			if (nulls) {
				fields.values().removeIf(Objects::isNull);
			}
			return new FeedRecord(line, text, fields, problem);
		}
		catch (JacksonException ex) {
			return malformed(line, text, shortMessage(ex));
		}
	}

	private static RowProblem unpairedSurrogate(String key, String value) {
		int at = Surrogates.firstUnpaired(value);
		return new RowProblem(RowProblem.INVALID_TEXT, key + " holds an unpaired surrogate "
				+ Surrogates.escape(value.charAt(at)) + " at character " + (at + 1) + ", which is not text");
	}

	/** The parser's message without the start-marker location, which only says that the source is not shown. */
	private static String shortMessage(JacksonException ex) {
		String message = ex.getOriginalMessage();
		int location = message.indexOf(" (start marker at ");
		return (location > 0) ? message.substring(0, location) : message;
	}

	private static @Nullable String valueText(JsonParser parser, JsonToken token) {
		return switch (token) {
			case VALUE_STRING -> parser.getString();
			// The literal as written: 1e3 and 12.50 must reach the validators unchanged.
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
			case VALUE_TRUE -> "true";
			case VALUE_FALSE -> "false";
			case VALUE_NULL -> null;
			case START_OBJECT, START_ARRAY -> compact(parser);
			default -> throw new IllegalStateException("Unexpected token " + token + " as a value");
		};
	}

	/** Rewrites the object or array the parser is at as compact JSON, keeping number literals as written. */
	private static String compact(JsonParser parser) {
		StringWriter out = new StringWriter();
		try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			int depth = 0;
			JsonToken token = parser.currentToken();
			do {
				switch (token) {
					case START_OBJECT -> {
						generator.writeStartObject();
						depth++;
					}
					case START_ARRAY -> {
						generator.writeStartArray();
						depth++;
					}
					case END_OBJECT -> {
						generator.writeEndObject();
						depth--;
					}
					case END_ARRAY -> {
						generator.writeEndArray();
						depth--;
					}
					case PROPERTY_NAME -> generator.writeName(parser.currentName());
					case VALUE_STRING -> generator.writeString(parser.getString());
					case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getText());
					case VALUE_TRUE, VALUE_FALSE -> generator.writeBoolean(token == JsonToken.VALUE_TRUE);
					case VALUE_NULL -> generator.writeNull();
					default -> throw new IllegalStateException("Unexpected token " + token + " in JSON text");
				}
			}
			while (depth > 0 && (token = parser.nextToken()) != null);
		}
		return out.toString();
	}

	private static String describe(@Nullable JsonToken token) {
		if (token == null) {
			return "nothing";
		}
		return switch (token) {
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> token.name();
		};
	}

	private static FeedRecord malformed(long line, String text, String detail) {
		return new FeedRecord(line, text, Map.of(), new RowProblem(RowProblem.MALFORMED_JSON, detail));
	}

	@Override
	public long position() {
		return this.lines.position();
	}

	@Override
	public void close() throws IOException {
		this.lines.close();
	}

}
