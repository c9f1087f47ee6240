package io.ambar.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.ambar.feed.FeedRecord;
import io.ambar.feed.RowProblem;

import org.jspecify.annotations.Nullable;

/**
 * Builds feed records as the reader hands them over, starting from a valid product line:
 * {@code aProductRecord().with("price", "1e3").build()}.
 */
final class FeedRecordBuilder {

	private final Map<String, String> fields = new LinkedHashMap<>();

	private long line = 2;

	private @Nullable RowProblem problem;

	private FeedRecordBuilder() {
		this.fields.put("sku", "A-1");
		this.fields.put("name", "Anvil");
		this.fields.put("price", "12.50");
	}

	static FeedRecordBuilder aProductRecord() {
		return new FeedRecordBuilder();
	}

	FeedRecordBuilder with(String field, String value) {
		this.fields.put(field, value);
		return this;
	}

	FeedRecordBuilder without(String field) {
		this.fields.remove(field);
		return this;
	}

	FeedRecordBuilder line(long line) {
		this.line = line;
		return this;
	}

	/** A line the reader could not split: no fields, only the problem. */
	FeedRecordBuilder unreadable(String reason, String detail) {
		this.fields.clear();
		this.problem = new RowProblem(reason, detail);
		return this;
	}

	FeedRecord build() {
		String raw = this.fields.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + e.getValue())
			.collect(Collectors.joining(";"));
		return new FeedRecord(this.line, raw, Map.copyOf(this.fields), this.problem);
	}

}
