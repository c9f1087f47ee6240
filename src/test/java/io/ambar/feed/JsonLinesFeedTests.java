package io.ambar.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonLinesFeedTests {

	private static final DataSize FEED_LIMIT = DataSize.ofGigabytes(64);

	private static final FeedFields TYPED = FeedFields.ANY.required("sku", JsonType.STRING_OR_INTEGER)
		.required("name", JsonType.STRING)
		.optional("price", JsonType.NUMBER_OR_STRING)
		.optional("active", JsonType.BOOLEAN_OR_STRING)
		.optional("attributes", JsonType.OBJECT);

	@TempDir
	Path dir;

	@Test
	void readsOneObjectPerLineStartingAtLineOne() throws IOException {
		List<FeedRecord> records = readAll(write("{\"sku\":\"A-1\",\"quantity\":5}\n{\"sku\":\"A-2\",\"quantity\":6}\n"));

		assertThat(records).extracting(FeedRecord::line).containsExactly(1L, 2L);
		assertThat(records.get(0).raw()).isEqualTo("{\"sku\":\"A-1\",\"quantity\":5}");
		assertThat(records.get(0).fields()).containsExactlyInAnyOrderEntriesOf(Map.of("sku", "A-1", "quantity", "5"));
		assertThat(records.get(0).problem()).isNull();
	}

	@Test
	void keepsNumberLiteralsAsWritten() throws IOException {
		List<FeedRecord> records = readAll(
				write("{\"a\":1e3,\"b\":12.50,\"c\":-5,\"d\":2147483648,\"e\":0.10E-2,\"f\":123456789012345678901234567890}\n"));

		assertThat(records.get(0).fields()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1e3", "b", "12.50", "c",
				"-5", "d", "2147483648", "e", "0.10E-2", "f", "123456789012345678901234567890"));
	}

	@Test
	void givesNestedObjectsAndArraysAsCompactJson() throws IOException {
		List<FeedRecord> records = readAll(
				write("{\"attributes\": { \"color\" : \"red\", \"size\": [1.50, null, true] }, \"tags\": [ ]}\n"));

		assertThat(records.get(0).field("attributes")).isEqualTo("{\"color\":\"red\",\"size\":[1.50,null,true]}");
		assertThat(records.get(0).field("tags")).isEqualTo("[]");
	}

	@Test
	void leavesOutNullValuesAndGivesBooleansAsText() throws IOException {
		List<FeedRecord> records = readAll(write("{\"sku\":\"A-1\",\"price\":null,\"active\":true,\"gift\":false}\n"));

		assertThat(records.get(0).fields())
			.containsExactlyInAnyOrderEntriesOf(Map.of("sku", "A-1", "active", "true", "gift", "false"));
	}

	@Test
	void lowerCasesKeysAndDecodesStringEscapes() throws IOException {
		List<FeedRecord> records = readAll(write("{\"SKU\":\"A-\\u0031\",\"Name\":\"Tasse \\\"gro\u00DF\\\"\"}\n"));

		assertThat(records.get(0).fields())
			.containsExactlyInAnyOrderEntriesOf(Map.of("sku", "A-1", "name", "Tasse \"gro\u00DF\""));
	}

	@Test
	void reportsALineThatIsNotAnObjectAsMalformedJsonAndReadsOn() throws IOException {
		List<FeedRecord> records = readAll(write("[1,2]\n\"A-1\"\n{\"sku\":\"A-2\"}\n"));

		assertThat(records).extracting(FeedRecord::problem)
			.containsExactly(new RowProblem(RowProblem.MALFORMED_JSON, "expected a JSON object, found an array"),
					new RowProblem(RowProblem.MALFORMED_JSON, "expected a JSON object, found a string"), null);
		assertThat(records.get(0).fields()).isEmpty();
		assertThat(records.get(2).field("sku")).isEqualTo("A-2");
	}

	@Test
	void reportsBrokenJsonAsMalformedJsonWithTheParserMessage() throws IOException {
		List<FeedRecord> records = readAll(write("{\"sku\":\"A-1\",}\n{\"sku\":\"A-2\"\n{'sku':1}\n{\"q\":01}\n"));

		assertThat(records).extracting(FeedRecord::line).containsExactly(1L, 2L, 3L, 4L);
		assertThat(records).allSatisfy((record) -> {
			assertThat(record.problem()).isNotNull();
			assertThat(record.problem().reason()).isEqualTo(RowProblem.MALFORMED_JSON);
			assertThat(record.problem().detail()).isNotBlank().doesNotContain("Source:");
		});
	}

	@Test
	void reportsTextAfterTheObjectAsMalformedJson() throws IOException {
		List<FeedRecord> records = readAll(
				write("{\"sku\":\"A-1\"} {\"sku\":\"A-2\"}\n{\"sku\":\"A-3\"}x\n{\"sku\":\"A-4\"}  \n"));

		assertThat(records).extracting((record) -> (record.problem() != null) ? record.problem().reason() : "ok")
			.containsExactly(RowProblem.MALFORMED_JSON, RowProblem.MALFORMED_JSON, "ok");
	}

	@Test
	void reportsAKeyGivenTwiceInAnyCaseAsMalformedJson() throws IOException {
		List<FeedRecord> records = readAll(write("{\"sku\":\"A-1\",\"SKU\":\"A-2\"}\n"));

		assertThat(records.get(0).problem())
			.isEqualTo(new RowProblem(RowProblem.MALFORMED_JSON, "duplicate key 'sku'"));
	}

	@Test
	void ignoresAByteOrderMarkCrlfAndBlankLines() throws IOException {
		List<FeedRecord> records = readAll(write("\uFEFF{\"sku\":\"A-1\"}\r\n\r\n\n{\"sku\":\"A-2\"}"));

		assertThat(records).extracting(FeedRecord::line).containsExactly(1L, 4L);
		assertThat(records).extracting(FeedRecord::raw).containsExactly("{\"sku\":\"A-1\"}", "{\"sku\":\"A-2\"}");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			"sku":{"a":1}        | sku must be a string or an integer, got an object
			"sku":["x"]          | sku must be a string or an integer, got an array
			"sku":true           | sku must be a string or an integer, got a boolean
			"sku":1.5            | sku must be a string or an integer, got a number
			"name":{"x":1}       | name must be a string, got an object
			"name":12            | name must be a string, got a number
			"price":false        | price must be a number or a string, got a boolean
			"price":[1]          | price must be a number or a string, got an array
			"active":1           | active must be a boolean or a string, got a number
			"attributes":"{}"    | attributes must be an object, got a string
			"attributes":[1,2]   | attributes must be an object, got an array
			""")
	void rejectsAValueOfTheWrongTypeNamingTheFieldAndTheTypeItGot(String field, String detail) throws IOException {
		FeedRecord record = readAll(write("{" + field + "}\n"), TYPED).get(0);

		assertThat(record.problem()).isEqualTo(new RowProblem(RowProblem.WRONG_TYPE, detail));
		assertThat(record.fields()).doesNotContainKey(field.substring(1, field.indexOf('"', 1)));
	}

	@Test
	void readsValuesOfTheirTypeAsTextAndUntypedFieldsWhateverTheyHold() throws IOException {
		FeedRecord record = readAll(write("""
				{"sku":12345,"name":"Anvil","price":12.50,"active":false,"attributes":{"b":[1, 2.0]},"extra":{"x":1}}
				"""), TYPED).get(0);

		assertThat(record.problem()).isNull();
		assertThat(record.fields()).containsExactlyInAnyOrderEntriesOf(Map.of("sku", "12345", "name", "Anvil", "price",
				"12.50", "active", "false", "attributes", "{\"b\":[1,2.0]}", "extra", "{\"x\":1}"));
	}

	@Test
	void takesNullForAnAbsentFieldWhateverItsType() throws IOException {
		FeedRecord record = readAll(write("{\"sku\":\"A-1\",\"name\":null,\"price\":null,\"attributes\":null}\n"), TYPED)
			.get(0);

		assertThat(record.problem()).isNull();
		assertThat(record.fields()).containsExactly(Map.entry("sku", "A-1"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			"name":"x\\ud800y"            | name holds an unpaired surrogate \\ud800 at character 2, which is not text
			"sku":"\\udc00A"              | sku holds an unpaired surrogate \\udc00 at character 1, which is not text
			"attributes":{"k":"\\ud83d"}  | attributes holds an unpaired surrogate \\ud83d at character 7, which is not text
			"attributes":{"\\ude00":1}    | attributes holds an unpaired surrogate \\ude00 at character 3, which is not text
			""")
	void rejectsAnUnpairedSurrogateInATextFieldAsInvalidText(String field, String detail) throws IOException {
		FeedRecord record = readAll(write("{" + field + "}\n"), TYPED).get(0);

		assertThat(record.problem()).isEqualTo(new RowProblem(RowProblem.INVALID_TEXT, detail));
	}

	@Test
	void readsEscapedSurrogatePairsAsTheCharacterTheyMake() throws IOException {
		FeedRecord record = readAll(write("{\"sku\":\"A-1\",\"name\":\"tea \\ud83c\\udf75\"}\n"), TYPED).get(0);

		assertThat(record.problem()).isNull();
		assertThat(record.field("name")).isEqualTo("tea \uD83C\uDF75");
	}

	@Test
	void refusesAFileWithoutRecordsUnlessEmptyFeedsAreAllowed() throws IOException {
		Path file = write("\n\n");
		FeedReader lenient = new FeedReader(file, FeedFields.ANY, true, FEED_LIMIT);
		lenient.open(new ExecutionContext());

		assertThat(lenient.read()).isNull();
		lenient.close();
		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file))
			.withMessage("products.jsonl: no data rows");
	}

	private Path write(String content) throws IOException {
		return Files.writeString(this.dir.resolve("products.jsonl"), content, StandardCharsets.UTF_8);
	}

	private static List<FeedRecord> readAll(Path file) {
		return readAll(file, FeedFields.ANY);
	}

	private static List<FeedRecord> readAll(Path file, FeedFields fields) {
		FeedReader reader = new FeedReader(file, fields, false, FEED_LIMIT);
		List<FeedRecord> records = new ArrayList<>();
		try {
			reader.open(new ExecutionContext());
			for (FeedRecord record = reader.read(); record != null; record = reader.read()) {
				records.add(record);
			}
		}
		finally {
			reader.close();
		}
		return records;
	}

}
