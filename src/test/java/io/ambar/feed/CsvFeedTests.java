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
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CsvFeedTests {

	private static final DataSize FEED_LIMIT = DataSize.ofGigabytes(64);

	private static final Set<String> STOCK_COLUMNS = Set.of("sku", "quantity");

	private static FeedFields requiring(Set<String> columns) {
		FeedFields fields = FeedFields.ANY;
		for (String column : columns) {
			fields = fields.required(column, JsonType.STRING);
		}
		return fields;
	}

	@TempDir
	Path dir;

	@Test
	void readsFieldsByLowerCaseHeaderNameInAnyOrderKeepingExtraColumns() throws IOException {
		List<FeedRecord> records = readAll(write("Quantity, SKU ,Warehouse\n5,A-1,north\n"));

		assertThat(records).singleElement().satisfies((record) -> {
			assertThat(record.line()).isEqualTo(2);
			assertThat(record.raw()).isEqualTo("5,A-1,north");
			assertThat(record.fields()).containsExactlyInAnyOrderEntriesOf(
					Map.of("quantity", "5", "sku", "A-1", "warehouse", "north"));
			assertThat(record.field("sku")).isEqualTo("A-1");
			assertThat(record.problem()).isNull();
		});
	}

	@Test
	void keepsCellTextUntrimmed() throws IOException {
		List<FeedRecord> records = readAll(write("sku,quantity\n A-1 , 5\n"));

		assertThat(records.get(0).fields()).containsEntry("sku", " A-1 ").containsEntry("quantity", " 5");
	}

	@Test
	void ignoresAByteOrderMarkBeforeTheHeader() throws IOException {
		List<FeedRecord> records = readAll(write("\uFEFFsku,quantity\nA-1,5\n"));

		assertThat(records.get(0).fields()).containsEntry("sku", "A-1");
	}

	@Test
	void readsCrlfAndLfLineEndingsAlike() throws IOException {
		List<FeedRecord> records = readAll(write("sku,quantity\r\nA-1,5\r\nA-2,6\nA-3,7"));

		assertThat(records).extracting(FeedRecord::line).containsExactly(2L, 3L, 4L);
		assertThat(records).extracting(FeedRecord::raw).containsExactly("A-1,5", "A-2,6", "A-3,7");
		assertThat(records).extracting((record) -> record.field("quantity")).containsExactly("5", "6", "7");
	}

	@Test
	void unquotesFieldsWithCommasDoubledQuotesAndLineBreaksKeepingLaterLineNumbers() throws IOException {
		String csv = "sku,name\n" + "A-1,\"Mug, large\"\n" + "A-2,\"The \"\"best\"\" mug\"\n"
				+ "A-3,\"two\r\nlines\nand more\"\n" + "A-4,\"\"\n" + "A-5,plain\n";

		List<FeedRecord> records = readAll(write(csv), Set.of("sku"));

		assertThat(records).extracting((record) -> record.field("name"))
			.containsExactly("Mug, large", "The \"best\" mug", "two\nlines\nand more", "", "plain");
		assertThat(records).extracting(FeedRecord::line).containsExactly(2L, 3L, 4L, 7L, 8L);
		assertThat(records.get(2).raw()).isEqualTo("A-3,\"two\nlines\nand more\"");
	}

	@Test
	void keepsALoneCarriageReturnInsideQuotesAsData() throws IOException {
		List<FeedRecord> records = readAll(write("sku,name\nA-1,\"a\rb\"\n"), Set.of("sku"));

		assertThat(records.get(0).field("name")).isEqualTo("a\rb");
	}

	@Test
	void readsAnEmptyLastField() throws IOException {
		List<FeedRecord> records = readAll(write("sku,quantity\nA-1,\n"));

		assertThat(records.get(0).fields()).containsEntry("quantity", "");
	}

	@Test
	void reportsAWrongColumnCountAsARowProblemAndReadsOn() throws IOException {
		List<FeedRecord> records = readAll(write("sku,quantity\nA-1,5,extra\nA-2,6\n"));

		assertThat(records.get(0).problem())
			.isEqualTo(new RowProblem(RowProblem.WRONG_COLUMN_COUNT, "line has 3 fields, the header has 2"));
		assertThat(records.get(0).raw()).isEqualTo("A-1,5,extra");
		assertThat(records.get(1).problem()).isNull();
		assertThat(records.get(1).field("sku")).isEqualTo("A-2");
	}

	@Test
	void reportsAQuoteInsideAnUnquotedFieldAsAMalformedRow() throws IOException {
		List<FeedRecord> records = readAll(write("sku,quantity\nA\"1,5\nA-2,6\n"));

		assertThat(records.get(0).problem()).extracting(RowProblem::reason).isEqualTo(RowProblem.MALFORMED_CSV);
		assertThat(records.get(0).line()).isEqualTo(2);
		assertThat(records.get(1).field("sku")).isEqualTo("A-2");
	}

	@Test
	void reportsTextAfterAClosingQuoteAsAMalformedRow() throws IOException {
		List<FeedRecord> records = readAll(write("sku,quantity\n\"A-1\"x,5\nA-2,6\n"));

		assertThat(records.get(0).problem()).extracting(RowProblem::reason).isEqualTo(RowProblem.MALFORMED_CSV);
		assertThat(records.get(1).line()).isEqualTo(3);
	}

	@Test
	void skipsBlankLinesWithoutMakingRecordsOfThem() throws IOException {
		List<FeedRecord> records = readAll(write("sku,quantity\n\nA-1,5\r\n\r\n\nA-2,6\n\n"));

		assertThat(records).extracting(FeedRecord::line).containsExactly(3L, 6L);
	}

	@Test
	void refusesAFileWithoutAHeaderRow() throws IOException {
		Path file = write("");

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("missing header row"));
	}

	@Test
	void refusesAHeaderWithoutARequiredColumnShowingTheHeader() throws IOException {
		Path file = write("sku;qty\nA-1;5\n");

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file))
			.withMessage("stock.csv line 1: missing required columns 'quantity', 'sku' (header: sku;qty)");
	}

	@Test
	void matchesRequiredColumnsWhateverTheirCase() throws IOException {
		List<FeedRecord> records = readAll(write("SKU,QUANTITY\nA-1,5\n"), Set.of("Sku", "quantity"));

		assertThat(records).hasSize(1);
	}

	@Test
	void refusesAHeaderNamingAColumnTwice() throws IOException {
		Path file = write("sku,quantity,SKU\nA-1,5,A-2\n");

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("duplicate column 'sku' in header"));
	}

	@Test
	void refusesAFileWithAHeaderButNoDataRows() throws IOException {
		Path file = write("sku,quantity\n\n");

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file))
			.withMessage("stock.csv: no data rows");
	}

	@Test
	void acceptsAFileWithoutDataRowsWhenEmptyFeedsAreAllowed() throws IOException {
		FeedReader reader = new FeedReader(write("sku,quantity\n"), requiring(STOCK_COLUMNS), true, FEED_LIMIT);
		reader.open(new ExecutionContext());

		assertThat(reader.read()).isNull();
		reader.close();
	}

	@Test
	void reportsAnUnterminatedQuoteWithTheLineWhereItStarted() throws IOException {
		Path file = write("sku,quantity\nA-1,5\nA-2,\"6\nA-3,7\nA-4,8\n");

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file))
			.satisfies((ex) -> {
				assertThat(ex.line()).isEqualTo(3);
				assertThat(ex.reason()).isEqualTo("unterminated quoted field");
				assertThat(ex.file()).isEqualTo(file);
			});
	}

	private Path write(String content) throws IOException {
		return Files.writeString(this.dir.resolve("stock.csv"), content, StandardCharsets.UTF_8);
	}

	private static List<FeedRecord> readAll(Path file) {
		return readAll(file, STOCK_COLUMNS);
	}

	private static List<FeedRecord> readAll(Path file, Set<String> requiredColumns) {
		FeedReader reader = new FeedReader(file, requiring(requiredColumns), false, FEED_LIMIT);
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
