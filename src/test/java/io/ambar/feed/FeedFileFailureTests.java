package io.ambar.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.util.unit.DataSize;
import org.springframework.batch.infrastructure.item.ReaderNotOpenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FeedFileFailureTests {

	private static final DataSize FEED_LIMIT = DataSize.ofGigabytes(64);

	@TempDir
	Path dir;

	@Test
	void readsGzipCompressedCsv() throws IOException {
		Path file = writeGzip("stock.csv.gz", "sku,quantity\nA-1,5\nA-2,6\n".getBytes(StandardCharsets.UTF_8));

		assertThat(readAll(file)).extracting((record) -> record.field("sku")).containsExactly("A-1", "A-2");
	}

	@Test
	void readsGzipCompressedJsonLines() throws IOException {
		Path file = writeGzip("products.jsonl.gz", "{\"sku\":\"A-1\"}\n{\"sku\":\"A-2\"}\n".getBytes(StandardCharsets.UTF_8));

		assertThat(readAll(file)).extracting((record) -> record.field("sku")).containsExactly("A-1", "A-2");
	}

	@Test
	void refusesATruncatedGzipFileNamingTheLineReached() throws IOException {
		byte[] gzip = gzip(manyStockLines(200_000));
		Path file = Files.write(this.dir.resolve("stock.csv.gz"), Arrays.copyOf(gzip, gzip.length / 2));

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file)).satisfies((ex) -> {
			assertThat(ex.reason()).startsWith("corrupt gzip: ");
			assertThat(ex.line()).isGreaterThan(1);
		});
	}

	@Test
	void refusesAGzipFileWhoseChecksumDoesNotMatch() throws IOException {
		byte[] gzip = gzip("sku,quantity\nA-1,5\n".getBytes(StandardCharsets.UTF_8));
		gzip[gzip.length - 8] ^= 0x55;
		Path file = Files.write(this.dir.resolve("stock.csv.gz"), gzip);

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file))
			.satisfies((ex) -> assertThat(ex.reason()).startsWith("corrupt gzip: "));
	}

	@Test
	void refusesAGzipFileThatExpandsPastTheLimitNamingTheLineReached() throws IOException {
		Path file = writeGzip("stock.csv.gz", manyStockLines(200_000));
		FeedReader reader = new FeedReader(file, FeedFields.ANY, false, DataSize.ofMegabytes(1));
		reader.open(new ExecutionContext());

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> {
			while (reader.read() != null) {
				// reads until the limit is passed
			}
		}).satisfies((ex) -> {
			assertThat(ex.file()).isEqualTo(file);
			assertThat(ex.line()).isBetween(50_000L, 100_000L);
			assertThat(ex.reason()).isEqualTo("expands to more than 1,048,576 bytes uncompressed, the limit set by "
					+ "ambar.feed.max-decompressed-size");
		});
		reader.close();
	}

	@Test
	void readsAPlainFileLargerThanTheGzipLimit() throws IOException {
		Path file = Files.write(this.dir.resolve("stock.csv"), manyStockLines(200_000));
		FeedReader reader = new FeedReader(file, FeedFields.ANY, false, DataSize.ofMegabytes(1));
		reader.open(new ExecutionContext());
		long records = 0;
		while (reader.read() != null) {
			records++;
		}
		reader.close();

		assertThat(records).isEqualTo(200_000);
	}

	@Test
	void refusesAFileNamedGzipThatIsNot() throws IOException {
		Path file = Files.writeString(this.dir.resolve("stock.csv.gz"), "sku,quantity\nA-1,5\n");

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file))
			.satisfies((ex) -> assertThat(ex.reason()).startsWith("corrupt gzip: "));
	}

	@Test
	void refusesInvalidUtf8NamingTheLine() throws IOException {
		byte[] content = concat("sku,quantity\nA-1,5\nA-".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xC3, 0x28 },
				",6\nA-3,7\n".getBytes(StandardCharsets.UTF_8));
		Path file = Files.write(this.dir.resolve("stock.csv"), content);

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file))
			.withMessage("stock.csv line 3: invalid UTF-8 at byte 3 of the line");
	}

	@Test
	void refusesInvalidUtf8InJsonLines() throws IOException {
		byte[] content = concat("{\"sku\":\"".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xFF },
				"\"}\n".getBytes(StandardCharsets.UTF_8));
		Path file = Files.write(this.dir.resolve("products.jsonl"), content);

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(1));
	}

	@Test
	void readsMultiByteUtf8() throws IOException {
		Path file = Files.writeString(this.dir.resolve("stock.csv"), "sku,name\nA-1,Ça coûte 5 € 🍵\n");

		assertThat(readAll(file).get(0).field("name")).isEqualTo("Ça coûte 5 € 🍵");
	}

	@Test
	void refusesAMissingFile() {
		Path file = this.dir.resolve("absent.csv");

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file))
			.withMessage("absent.csv: cannot read: no such file")
			.satisfies((ex) -> assertThat(ex.line()).isZero());
	}

	@Test
	void rejectsACsvLineLongerThanTheLimitKeepingItsStartAndReadsOn() throws IOException {
		String longLine = "A-1," + "9".repeat(3 << 20);
		Path file = Files.writeString(this.dir.resolve("stock.csv"), "sku,quantity\n" + longLine + "\r\nA-2,5\n");

		List<FeedRecord> records = readAll(file);

		assertThat(records).extracting(FeedRecord::line).containsExactly(2L, 3L);
		assertTooLong(records.get(0), longLine);
		assertThat(records.get(1).field("sku")).isEqualTo("A-2");
	}

	@Test
	void rejectsAJsonLineLongerThanTheLimitKeepingItsStartAndReadsOn() throws IOException {
		String longLine = "{\"sku\":\"A-1\",\"name\":\"" + "\u00e9".repeat(3 << 19) + "\"}";
		Path file = Files.writeString(this.dir.resolve("products.jsonl"), longLine + "\n\n{\"sku\":\"A-2\"}\n");

		List<FeedRecord> records = readAll(file);

		assertThat(records).extracting(FeedRecord::line).containsExactly(1L, 3L);
		assertTooLong(records.get(0), longLine);
		assertThat(records.get(1).field("sku")).isEqualTo("A-2");
	}

	@Test
	void rejectsALongLineThatEndsTheFileWithoutALineBreak() throws IOException {
		String longLine = "{\"sku\":\"A-1\",\"name\":\"" + "x".repeat(2 << 20) + "\"}";
		Path file = writeGzip("products.jsonl.gz", ("{\"sku\":\"A-0\"}\n" + longLine).getBytes(StandardCharsets.UTF_8));

		List<FeedRecord> records = readAll(file);

		assertThat(records).extracting(FeedRecord::line).containsExactly(1L, 2L);
		assertTooLong(records.get(1), longLine);
	}

	@Test
	void readsPastACsvRecordWhoseQuotedFieldRunsOverSeveralLongLines() throws IOException {
		String field = ("x".repeat(600_000) + "\n").repeat(2) + "A-9,7";
		String record = "A-1,\"" + field + "\"";
		Path file = Files.writeString(this.dir.resolve("stock.csv"), "sku,name\n" + record + "\nA-2,y\n");

		List<FeedRecord> records = readAll(file);

		assertThat(records).extracting(FeedRecord::line).containsExactly(2L, 5L);
		assertTooLong(records.get(0), record);
		assertThat(records.get(1).field("sku")).isEqualTo("A-2");
	}

	@Test
	void readsPastAQuotedFieldThatALongLineLeavesOpen() throws IOException {
		String record = "A-1,\"" + "x".repeat(2 << 20) + "\nA-9,7\"";
		Path file = Files.writeString(this.dir.resolve("stock.csv"), "sku,name\n" + record + "\nA-2,y\n");

		List<FeedRecord> records = readAll(file);

		assertThat(records).extracting(FeedRecord::line).containsExactly(2L, 4L);
		assertTooLong(records.get(0), record);
		assertThat(records.get(1).field("sku")).isEqualTo("A-2");
	}

	@Test
	void refusesInvalidUtf8DeepInsideALongLine() throws IOException {
		byte[] content = concat("sku,name\nA-1,".getBytes(StandardCharsets.UTF_8), "x".repeat(2 << 20).getBytes(StandardCharsets.UTF_8),
				new byte[] { (byte) 0xC3, 0x28 }, "\nA-2,y\n".getBytes(StandardCharsets.UTF_8));
		Path file = Files.write(this.dir.resolve("stock.csv"), content);

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file))
			.withMessage("stock.csv line 2: invalid UTF-8 at byte " + (4 + (2 << 20) + 1) + " of the line");
	}

	@Test
	void refusesAHeaderLongerThanTheLimit() throws IOException {
		Path file = Files.writeString(this.dir.resolve("stock.csv"), "sku," + "q".repeat(2 << 20) + "\nA-1,5\n");

		assertThatExceptionOfType(FeedFileException.class).isThrownBy(() -> readAll(file))
			.satisfies((ex) -> assertThat(ex.reason()).startsWith("header of ").endsWith("a line may have"));
	}

	/** A too-long record keeps its first 4,000 characters and a note of its size in UTF-8. */
	private static void assertTooLong(FeedRecord record, String text) {
		long bytes = text.getBytes(StandardCharsets.UTF_8).length;
		assertThat(record.problem()).isEqualTo(new RowProblem(RowProblem.LINE_TOO_LONG,
				String.format(java.util.Locale.ROOT, "%,d bytes, more than the 1,048,576 a line may have", bytes)));
		assertThat(record.fields()).isEmpty();
		assertThat(record.raw()).hasSizeLessThanOrEqualTo(LedgerText.MAX_CHARS)
			.startsWith(text.substring(0, LedgerText.KEPT_CHARS))
			.endsWith(String.format(java.util.Locale.ROOT, "… [cut: %,d bytes in all]", bytes));
		assertThat(LedgerText.isCut(record.raw())).isTrue();
	}

	@Test
	void readsLinesLongerThanItsBuffer() throws IOException {
		String name = "x".repeat(200_000);
		Path file = Files.writeString(this.dir.resolve("stock.csv"), "sku,name\nA-1," + name + "\nA-2,y\n");

		assertThat(readAll(file)).extracting((record) -> record.field("name")).containsExactly(name, "y");
	}

	@Test
	void refusesToReadBeforeItIsOpened() {
		FeedReader reader = new FeedReader(this.dir.resolve("stock.csv"), FeedFields.ANY, false, FEED_LIMIT);

		assertThatExceptionOfType(ReaderNotOpenException.class).isThrownBy(reader::read);
	}

	private Path writeGzip(String name, byte[] content) throws IOException {
		return Files.write(this.dir.resolve(name), gzip(content));
	}

	private static byte[] gzip(byte[] content) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (OutputStream out = new GZIPOutputStream(bytes)) {
			out.write(content);
		}
		return bytes.toByteArray();
	}

	private static byte[] manyStockLines(int count) {
		StringBuilder csv = new StringBuilder("sku,quantity\n");
		for (int i = 0; i < count; i++) {
			csv.append("SKU-").append(i * 7919L % 1_000_003).append(',').append(i % 97).append('\n');
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			bytes.writeBytes(part);
		}
		return bytes.toByteArray();
	}

	private static List<FeedRecord> readAll(Path file) {
		FeedReader reader = new FeedReader(file, FeedFields.ANY, false, FEED_LIMIT);
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
