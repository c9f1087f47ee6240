package io.ambar.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonLinesFeedTests {

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

	@Test
	void refusesAFileWithoutRecordsUnlessEmptyFeedsAreAllowed() throws IOException {
		Path file = write("\n\n");
		FeedReader lenient = new FeedReader(file, Set.of(), true);
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
		FeedReader reader = new FeedReader(file, Set.of(), false);
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
