package io.ambar.feed;

import tools.jackson.core.JsonToken;

/**
 * The JSON a field of a JSON Lines feed may hold; any other value is a {@link RowProblem#WRONG_TYPE} reject, and
 * {@code null} always means the field is absent. Accepted values reach the validators as text, numbers as
 * written, so that JSON and CSV feeds meet the same rules from there on.
 */
public enum JsonType {

	/** A string only: names, descriptions, codes. */
	STRING("a string"),

	/** A string, or an integer read as its decimal text as written ({@code 12345}): SKUs. */
	STRING_OR_INTEGER("a string or an integer"),

	/** A number or a string, both as written, for the field's own number rule ({@code 1e3} meets it as such). */
	NUMBER_OR_STRING("a number or a string"),

	/** {@code true}, {@code false} or a string for the field's own rule. */
	BOOLEAN_OR_STRING("a boolean or a string"),

	/** An object, read as compact JSON. */
	OBJECT("an object");

	private final String expected;

	JsonType(String expected) {
		this.expected = expected;
	}

	boolean accepts(JsonToken token) {
		return switch (this) {
			case STRING -> token == JsonToken.VALUE_STRING;
			case STRING_OR_INTEGER -> token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT;
			case NUMBER_OR_STRING -> token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT
					|| token == JsonToken.VALUE_NUMBER_FLOAT;
			case BOOLEAN_OR_STRING -> token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_TRUE
					|| token == JsonToken.VALUE_FALSE;
			case OBJECT -> token == JsonToken.START_OBJECT;
		};
	}

	/** What the field must be, for a reject's detail: {@code "a string or an integer"}. */
	String expected() {
		return this.expected;
	}

}
