package io.ambar.feed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FeedReaderRestartTests {

	private static final DataSize FEED_LIMIT = DataSize.ofGigabytes(64);

	private static final String CSV = "sku,name\nA-1,one\nA-2,\"two\nlines\"\n\nA-3,three\nA-4,four\n";

	private static final String JSONL = "{\"sku\":\"A-1\"}\n\n{\"sku\":\"A-2\"}\n{\"sku\":\"A-3\"}\n{\"sku\":\"A-4\"}\n";

	@TempDir
	Path dir;

	@Test
	void continuesCsvAfterTheCheckpointPastAMultiLineField() throws IOException {
		Path file = Files.writeString(this.dir.resolve("stock.csv"), CSV);
		ExecutionContext checkpoint = readAndCheckpoint(file, 2);

		List<FeedRecord> rest = readRest(file, checkpoint);

		assertThat(rest).extracting((record) -> record.field("sku")).containsExactly("A-3", "A-4");
		assertThat(rest).extracting(FeedRecord::line).containsExactly(6L, 7L);
	}

	@Test
	void continuesJsonLinesAfterTheCheckpoint() throws IOException {
		Path file = Files.writeString(this.dir.resolve("products.jsonl"), JSONL);
		ExecutionContext checkpoint = readAndCheckpoint(file, 1);

		List<FeedRecord> rest = readRest(file, checkpoint);

		assertThat(rest).extracting((record) -> record.field("sku")).containsExactly("A-2", "A-3", "A-4");
		assertThat(rest).extracting(FeedRecord::line).containsExactly(3L, 4L, 5L);
	}

	@Test
	void continuesGzipAfterTheCheckpoint() throws IOException {
		Path file = this.dir.resolve("stock.csv.gz");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
			out.write(CSV.getBytes(StandardCharsets.UTF_8));
		}
		ExecutionContext checkpoint = readAndCheckpoint(file, 3);

		List<FeedRecord> rest = readRest(file, checkpoint);

		assertThat(rest).extracting((record) -> record.field("sku")).containsExactly("A-4");
		assertThat(rest).extracting(FeedRecord::line).containsExactly(7L);
	}

	@Test
	void endsQuietlyWhenTheCheckpointWasAfterTheLastRecord() throws IOException {
		Path file = Files.writeString(this.dir.resolve("stock.csv"), CSV);
		ExecutionContext checkpoint = readAndCheckpoint(file, 4);

		assertThat(readRest(file, checkpoint)).isEmpty();
	}

	@Test
	void keysItsStateByTheReaderName() throws IOException {
		Path file = Files.writeString(this.dir.resolve("stock.csv"), CSV);
		ExecutionContext checkpoint = readAndCheckpoint(file, 2);

		assertThat(checkpoint.getLong("stockFeed.records")).isEqualTo(2);
		FeedReader otherReader = new FeedReader(file, FeedFields.ANY, false, FEED_LIMIT);
		otherReader.setName("otherFeed");
		otherReader.open(checkpoint);
		assertThat(otherReader.read()).extracting(FeedRecord::line).isEqualTo(2L);
		otherReader.close();
	}

	@Test
	void refusesToRestartOnAFileWithFewerRecordsThanBefore() throws IOException {
		Path file = Files.writeString(this.dir.resolve("stock.csv"), CSV);
		ExecutionContext checkpoint = readAndCheckpoint(file, 3);
		Files.writeString(file, "sku,name\nA-1,one\n");

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readRest(file, checkpoint))
			.withMessageContaining("was the file replaced?");
	}

	@Test
	void refusesToRestartWhenTheCheckpointRecordMovedToAnotherLine() throws IOException {
		Path file = Files.writeString(this.dir.resolve("stock.csv"), CSV);
		ExecutionContext checkpoint = readAndCheckpoint(file, 3);
		Files.writeString(file, "sku,name\nA-1,one\nA-2,two\nA-3,three\nA-4,four\n");

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readRest(file, checkpoint))
			.withMessageContaining("was the file replaced?");
	}

	private static ExecutionContext readAndCheckpoint(Path file, int records) {
		FeedReader reader = stockFeedReader(file);
		ExecutionContext context = new ExecutionContext();
		reader.open(context);
		for (int i = 0; i < records; i++) {
			assertThat(reader.read()).isNotNull();
		}
		reader.update(context);
		reader.read();
		reader.close();
		return context;
	}

	private static List<FeedRecord> readRest(Path file, ExecutionContext checkpoint) {
		FeedReader reader = stockFeedReader(file);
		List<FeedRecord> records = new ArrayList<>();
		try {
			reader.open(checkpoint);
			for (FeedRecord record = reader.read(); record != null; record = reader.read()) {
				records.add(record);
			}
		}
		finally {
			reader.close();
		}
		return records;
	}

	private static FeedReader stockFeedReader(Path file) {
		FeedReader reader = new FeedReader(file, FeedFields.ANY.required("sku", JsonType.STRING), false, FEED_LIMIT);
		reader.setName("stockFeed");
		return reader;
	}

}
