package io.ambar.feed;
import java.util.Map;
import org.jspecify.annotations.Nullable;
public record FeedRecord(long line, String raw, Map<String, String> fields, @Nullable RowProblem problem) {
	public @Nullable String field(String name) { return fields.get(name); }
}
