package io.ambar.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The streaming check that takes attributes already in canonical form as they are gives the same text as the tree,
 * and leaves everything else to it: generated objects in and out of order, numbers in every form, escapes, white
 * space, duplicates and broken JSON.
 */
class ProductAttributesTests {

	private static final String[] KEYS = { "", "a", "A", "b", "color", "Color", "size", "é", "e\u0301", "z", "10", "9",
			"k\"q", "tab\t", "\u00ff", "\uD83D\uDE00", "aa", "ab" };

	private static final String[] NUMBERS = { "0", "-0", "7", "-12", "1.5", "1.50", "15e-1", "1E3", "1e+3", "0.0",
			"-0.0", "100.0", "0.001", "123456789012345678901234567890", "1.2345678901234567890123", "2.0E-2", "3.25" };

	private static final String[] STRINGS = { "\"\"", "\"red\"", "\"caf\u00e9\"", "\"caf\\u00e9\"", "\"a\\\"b\"",
			"\"line\\nbreak\"", "\"\\/slash\"", "\"\\u0041\"", "\"\\uD83D\\uDE00\"", "\"tab\\t\"" };

	@Test
	void givesTheTreesTextForEveryGeneratedObject() {
		Random random = new Random(20261130);
		int fast = 0;
		for (int i = 0; i < 20_000; i++) {
			String json = object(random, 0, random.nextInt(3) == 0, random.nextInt(4) == 0);
			Throwable treeRefused = catchThrowable(() -> ProductAttributes.byTree(json));
			if (treeRefused != null) {
				assertThat(ProductAttributes.ifCanonicalAlready(json)).as(json).isNull();
				assertThatIllegalArgumentException().isThrownBy(() -> ProductAttributes.canonical(json))
					.withMessage(treeRefused.getMessage());
				continue;
			}
			String byTree = ProductAttributes.byTree(json);
			assertThat(ProductAttributes.canonical(json)).as(json).isEqualTo(byTree);
			if (ProductAttributes.ifCanonicalAlready(json) != null) {
				fast++;
			}
		}
		// the generator makes enough objects in order for the streaming check to be what is tested
		assertThat(fast).isGreaterThan(2_000);
	}

	@Test
	void takesAnObjectInCanonicalFormAsItIs() {
		String json = "{\"a\":[1,{\"b\":true,\"c\":null}],\"color\":\"red\",\"size\":1.5,\"z\":{}}";
		assertThat(ProductAttributes.ifCanonicalAlready(json)).isEqualTo(json);
		assertThat(ProductAttributes.ifCanonicalAlready("{ \"a\" : 1 }")).isEqualTo("{\"a\":1}");
	}

	@Test
	void leavesToTheTreeWhatItMustSortRewriteOrRefuse() {
		List<String> notYet = List.of("{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":2}", "{\"a\":1.50}", "{\"a\":15e-1}",
				"{\"a\":-0}", "{\"a\":1E3}", "{\"a\":{\"y\":1,\"x\":2}}", "[1]", "\"text\"", "{\"a\":1} 2", "{\"a\":",
				"{\"a\":\"\\u0000\"}", "{\"\\u0000\":1}", "", "{\"a\":1}}");
		for (String json : notYet) {
			assertThat(ProductAttributes.ifCanonicalAlready(json)).as(json).isNull();
		}
		assertThat(ProductAttributes.canonical("{\"b\":1.50,\"a\":{\"y\":1,\"x\":2}}"))
			.isEqualTo("{\"a\":{\"x\":2,\"y\":1},\"b\":1.5}");
		assertThatIllegalArgumentException().isThrownBy(() -> ProductAttributes.canonical("{\"a\":1,\"a\":2}"));
		assertThatIllegalArgumentException().isThrownBy(() -> ProductAttributes.canonical("{\"a\":\"\\u0000\"}"))
			.withMessageContaining("U+0000");
	}

	private static String object(Random random, int depth, boolean sorted, boolean spaced) {
		List<String> keys = new ArrayList<>();
		int size = random.nextInt(depth == 0 ? 6 : 4);
		for (int i = 0; i < size; i++) {
			keys.add(KEYS[random.nextInt(KEYS.length)]);
		}
		if (sorted) {
			// in order and unique, as a program writes them: the streaming check's case
			keys = new ArrayList<>(new java.util.TreeSet<>(keys));
		}
		else if (random.nextBoolean()) {
			Collections.shuffle(keys, random);
		}
		String gap = spaced ? " " : "";
		StringBuilder json = new StringBuilder("{").append(gap);
		for (int i = 0; i < keys.size(); i++) {
			if (i > 0) {
				json.append(',').append(gap);
			}
			json.append('"').append(escape(keys.get(i))).append('"').append(gap).append(':').append(gap)
				.append(value(random, depth, sorted, spaced));
		}
		return json.append(gap).append('}').toString();
	}

	private static String value(Random random, int depth, boolean sorted, boolean spaced) {
		int kind = random.nextInt(depth < 2 ? 7 : 5);
		return switch (kind) {
			case 0 -> NUMBERS[random.nextInt(NUMBERS.length)];
			case 1 -> STRINGS[random.nextInt(STRINGS.length)];
			case 2 -> random.nextBoolean() ? "true" : "false";
			case 3 -> "null";
			case 4 -> NUMBERS[random.nextInt(4)];
			case 5 -> object(random, depth + 1, sorted, spaced);
			default -> {
				StringBuilder array = new StringBuilder("[");
				int size = random.nextInt(4);
				for (int i = 0; i < size; i++) {
					array.append(i > 0 ? "," : "").append(value(random, depth + 1, sorted, spaced));
				}
				yield array.append(']').toString();
			}
		};
	}

	private static String escape(String key) {
		return key.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t");
	}

}
