package io.ambar.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReadAheadFeedReaderTests {

	private static final DataSize FEED_LIMIT = DataSize.ofGigabytes(64);

	/** Every record valid, its SKU as the line. */
	private static final ItemProcessor<FeedRecord, Validated<String>> SKUS = record -> Validated
		.valid(record.field("sku"));

	@TempDir
	Path dir;

	@Test
	void handsOutEveryRecordInFileOrderThenNull() throws Exception {
		Path file = feed(2_000);
		ReadAheadFeedReader<String> reader = reader(file, 100);
		reader.open(new ExecutionContext());

		List<String> skus = readAll(reader);
		reader.close();

		assertThat(skus).hasSize(2_000).startsWith("S-1", "S-2").endsWith("S-2000");
	}

	@Test
	void savesTheStateOfTheLastItemHandedOutNotOfTheReadAhead() throws Exception {
		Path file = feed(5_000);
		ReadAheadFeedReader<String> reader = reader(file, 1_000);
		reader.open(new ExecutionContext());
		for (int i = 0; i < 1_234; i++) {
			reader.read();
		}
		ExecutionContext checkpoint = new ExecutionContext();
		reader.update(checkpoint);
		reader.close();

		assertThat(FeedReader.records(checkpoint, FeedSteps.READER_NAME)).isEqualTo(1_234);
		ReadAheadFeedReader<String> restarted = reader(file, 1_000);
		restarted.open(checkpoint);
		List<String> rest = readAll(restarted);
		restarted.close();
		assertThat(rest).hasSize(5_000 - 1_234).startsWith("S-1235");
	}

	@Test
	void reportsAFailureAfterTheItemsReadBeforeIt() throws Exception {
		Path file = feed(1_500);
		ItemProcessor<FeedRecord, Validated<String>> failsOnTheLast = record -> {
			if ("S-1500".equals(record.field("sku"))) {
				throw new IllegalStateException("broken at S-1500");
			}
			return Validated.valid(record.field("sku"));
		};
		ReadAheadFeedReader<String> reader = new ReadAheadFeedReader<>(named(file), failsOnTheLast, 100);
		reader.open(new ExecutionContext());
		List<String> before = new ArrayList<>();
		for (int i = 0; i < 1_499; i++) {
			before.add(((Validated.Valid<String>) reader.read()).line());
		}

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(reader::read)
			.withMessage("broken at S-1500");
		assertThat(before).hasSize(1_499).endsWith("S-1499");
		reader.close();
	}

	@Test
	void closesWhileTheReadAheadWaitsForRoom() throws Exception {
		Path file = feed(10_000);
		ReadAheadFeedReader<String> reader = reader(file, 10);
		reader.open(new ExecutionContext());
		reader.read();

		reader.close();

		assertThatExceptionOfType(Exception.class).isThrownBy(reader::read);
	}

	private ReadAheadFeedReader<String> reader(Path file, int itemsAhead) {
		return new ReadAheadFeedReader<>(named(file), SKUS, itemsAhead);
	}

	private static FeedReader named(Path file) {
		FeedReader reader = new FeedReader(file, FeedFields.ANY, false, FEED_LIMIT);
		reader.setName(FeedSteps.READER_NAME);
		return reader;
	}

	private static List<String> readAll(ReadAheadFeedReader<String> reader) throws Exception {
		List<String> skus = new ArrayList<>();
		for (Validated<String> item = reader.read(); item != null; item = reader.read()) {
			skus.add(((Validated.Valid<String>) item).line());
		}
		return skus;
	}

	private Path feed(int lines) throws IOException {
		StringBuilder csv = new StringBuilder("sku,quantity\n");
		for (int i = 1; i <= lines; i++) {
			csv.append("S-").append(i).append(',').append(i).append('\n');
		}
		return Files.writeString(this.dir.resolve("stock.csv"), csv);
	}

}
