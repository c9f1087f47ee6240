package io.ambar.feed;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The fields a feed job reads: those a CSV header must name, and the {@link JsonType} of each in JSON Lines.
 * Other fields are read as text whatever they hold, and no validator looks at them. Immutable.
 * <p>
 * {@code FeedFields.ANY.required("sku", JsonType.STRING_OR_INTEGER).optional("brand", JsonType.STRING)}
 */
public final class FeedFields {

	/** No required column and no JSON type: every field read as text. */
	public static final FeedFields ANY = new FeedFields(Set.of(), Map.of());

	private final Set<String> requiredColumns;

	private final Map<String, JsonType> types;

	private FeedFields(Set<String> requiredColumns, Map<String, JsonType> types) {
		this.requiredColumns = Set.copyOf(requiredColumns);
		this.types = Map.copyOf(types);
	}

	/** These fields and a required one, which a CSV header must name. */
	public FeedFields required(String name, JsonType type) {
		Set<String> required = new HashSet<>(this.requiredColumns);
		required.add(name);
		return new FeedFields(required, with(name, type));
	}

	/** These fields and an optional one. */
	public FeedFields optional(String name, JsonType type) {
		return new FeedFields(this.requiredColumns, with(name, type));
	}

	/** The lower-case names a CSV header must hold, in any case. */
	Set<String> requiredColumns() {
		return this.requiredColumns;
	}

	/** The JSON type of the field, or null when any value is read as text. */
	@Nullable JsonType typeOf(String name) {
		return this.types.get(name);
	}

	private Map<String, JsonType> with(String name, JsonType type) {
		Map<String, JsonType> types = new HashMap<>(this.types);
		types.put(name, type);
		return types;
	}

}
