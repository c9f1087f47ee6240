package io.ambar.feed;

/**
 * What a line validator returns: the typed line, or why the line is rejected. Rejects travel with the valid
 * lines to the writer, so that both are committed in the chunk's transaction.
 */
public sealed interface Validated<T> permits Validated.Valid, Validated.Rejected {

	static <T> Validated<T> valid(T line) {
		return new Valid<>(line);
	}

	static <T> Validated<T> rejected(Reject reject) {
		return new Rejected<>(reject);
	}

	record Valid<T>(T line) implements Validated<T> {
	}

	record Rejected<T>(Reject reject) implements Validated<T> {
	}

}
