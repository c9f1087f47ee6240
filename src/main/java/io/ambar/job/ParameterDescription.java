package io.ambar.job;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One parameter a job takes.
 *
 * @param name as given on a launch ({@code file}, {@code max-reject-ratio})
 * @param type what its value must be
 * @param required whether a launch must give it
 * @param defaultValue what the job uses when it is not given, as text; null when there is none
 * @param doc one line for operators
 * @param choices the allowed values of a {@link Type#CHOICE}, else empty
 * @param internal set by Ambar itself (a scheduler's fire time, a launch time): accepted, but not offered in forms
 */
public record ParameterDescription(String name, Type type, boolean required, @Nullable String defaultValue, String doc,
		List<String> choices, boolean internal) {

	public ParameterDescription {
		choices = List.copyOf(choices);
	}

	/** The types of parameter values, each with its rule. */
	public enum Type {

		/** A file on the server's disk. */
		PATH,

		/** An ISO-8601 instant with an offset, such as {@code 2026-11-30T02:00:00Z}. */
		INSTANT,

		/** {@code true} or {@code false}. */
		BOOLEAN,

		/** A plain decimal from 0 to 1. */
		RATIO,

		/** One of the listed choices. */
		CHOICE,

		/** A whole number of at least 1. */
		COUNT,

		/** Any text. */
		TEXT

	}

	public static ParameterDescription required(String name, Type type, String doc) {
		return new ParameterDescription(name, type, true, null, doc, List.of(), false);
	}

	public static ParameterDescription optional(String name, Type type, @Nullable String defaultValue, String doc) {
		return new ParameterDescription(name, type, false, defaultValue, doc, List.of(), false);
	}

	public static ParameterDescription choice(String name, String defaultValue, String doc, String... choices) {
		return new ParameterDescription(name, Type.CHOICE, false, defaultValue, doc, List.of(choices), false);
	}

	public static ParameterDescription internal(String name, Type type, String doc) {
		return new ParameterDescription(name, type, false, null, doc, List.of(), true);
	}

	/**
	 * Why a value does not fit this parameter, or null when it does.
	 * @return a message naming the parameter, for a 400 or a usage error
	 */
	public @Nullable String problem(String value) {
		String text = value.strip();
		boolean fits = switch (this.type) {
			case PATH, TEXT -> !text.isEmpty();
			case INSTANT -> isInstant(text);
			case BOOLEAN -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
			case RATIO -> isRatio(text);
			case CHOICE -> this.choices.contains(text.toLowerCase(Locale.ROOT));
			case COUNT -> text.matches("[1-9][0-9]{0,8}");
		};
		return fits ? null : this.name + " must be " + expected() + ", not '" + value + "'";
	}

	/** What a value must be, in words. */
	public String expected() {
		return switch (this.type) {
			case PATH -> "a file path";
			case TEXT -> "some text";
			case INSTANT -> "an ISO-8601 instant with an offset, such as 2026-11-30T02:00:00Z";
			case BOOLEAN -> "true or false";
			case RATIO -> "a number from 0 to 1";
			case CHOICE -> "one of " + String.join(", ", this.choices);
			case COUNT -> "a whole number of at least 1";
		};
	}

	private static boolean isInstant(String text) {
		try {
			OffsetDateTime.parse(text);
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	private static boolean isRatio(String text) {
		if (!text.matches("[0-9]+(\\.[0-9]+)?")) {
			return false;
		}
		BigDecimal ratio = new BigDecimal(text);
		return ratio.compareTo(BigDecimal.ONE) <= 0;
	}

}
