package io.ambar.feed;

import java.util.Collections;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One record of a feed: the line it starts on (1-based), its text as in the file (the start of it, for a record too
 * long to keep), its fields by lower-case name, and the problem that makes it unusable, if any (then {@code fields}
 * may be empty, or lack the field at fault).
 */
public record FeedRecord(long line, String raw, Map<String, String> fields, @Nullable RowProblem problem) {

	/**
	 * @param fields taken as they are, read-only: the caller hands over a map of its own and never touches it again
	 * (a copy per line was 6% of the product load's parsing thread)
	 */
	public FeedRecord {
		fields = Collections.unmodifiableMap(fields);
	}

	/**
	 * Returns the value of the named field, or {@code null} when the record has no such field.
	 * @param name the field name in lower case
	 */
	public @Nullable String field(String name) {
		return this.fields.get(name);
	}

}
