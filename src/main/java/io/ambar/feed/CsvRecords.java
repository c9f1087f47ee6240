package io.ambar.feed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The records of an RFC 4180 CSV feed (comma, optional double quotes, {@code ""} for a quote inside quotes) keyed by
 * the header's trimmed lower-case names; a line break inside quotes comes out as LF. Not thread-safe.
 */
final class CsvRecords implements RecordSource {

	private final Path file;

	private final PhysicalLines lines;

	private final String[] header;

	private final List<String> cells = new ArrayList<>();

	private final StringBuilder quoted = new StringBuilder();

	private @Nullable String malformed;

	/** The UTF-8 size of the record {@link #split} read past for being too long, or 0. */
	private long tooLongBytes;

	private CsvRecords(Path file, PhysicalLines lines, Set<String> requiredColumns) {
		this.file = file;
		this.lines = lines;
		this.header = readHeader(requiredColumns);
	}

	/**
	 * Opens the file and reads its header; fails when the header is missing, repeats a name or lacks a column.
	 * @param maxDecompressedBytes the most a gzip file may expand to before it fails
	 */
	static CsvRecords open(Path file, Set<String> requiredColumns, long maxDecompressedBytes) {
		PhysicalLines lines = PhysicalLines.open(file, maxDecompressedBytes);
		try {
			return new CsvRecords(file, lines, requiredColumns);
		}
		catch (RuntimeException ex) {
			try {
				lines.close();
			}
			catch (IOException closeFailure) {
				ex.addSuppressed(closeFailure);
			}
			throw ex;
		}
	}

	private String[] readHeader(Set<String> requiredColumns) {
		String first = nextNonBlankLine();
		if (first == null) {
			throw new FeedFileException(this.file, 0, "missing header row");
		}
		long line = this.lines.lineNumber();
		String raw = split(first);
		if (this.tooLongBytes > 0) {
			throw new FeedFileException(this.file, line,
					"header of " + RowProblem.lineTooLong(this.tooLongBytes).detail());
		}
		if (this.malformed != null) {
			throw new FeedFileException(this.file, line, "malformed header: " + this.malformed);
		}
		String[] names = new String[this.cells.size()];
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < names.length; i++) {
			names[i] = this.cells.get(i).trim().toLowerCase(Locale.ROOT);
			if (!seen.add(names[i])) {
				throw new FeedFileException(this.file, line, "duplicate column '" + names[i] + "' in header");
			}
		}
		Set<String> missing = new TreeSet<>();
		for (String column : requiredColumns) {
			String name = column.toLowerCase(Locale.ROOT);
			if (!seen.contains(name)) {
				missing.add(name);
			}
		}
		if (!missing.isEmpty()) {
			throw new FeedFileException(this.file, line, "missing required column" + ((missing.size() > 1) ? "s " : " ")
					+ "'" + String.join("', '", missing) + "' (header: " + raw + ")");
		}
		return names;
	}

	@Override
	public @Nullable FeedRecord next() {
		String first = nextNonBlankLine();
		if (first == null) {
			return null;
		}
		long line = this.lines.lineNumber();
		String raw = split(first);
		if (this.tooLongBytes > 0) {
			return new FeedRecord(line, raw, Map.of(), RowProblem.lineTooLong(this.tooLongBytes));
		}
		if (this.malformed != null) {
			return new FeedRecord(line, raw, Map.of(), new RowProblem(RowProblem.MALFORMED_CSV, this.malformed));
		}
		if (this.cells.size() != this.header.length) {
			return new FeedRecord(line, raw, Map.of(), new RowProblem(RowProblem.WRONG_COLUMN_COUNT,
					"line has " + this.cells.size() + " fields, the header has " + this.header.length));
		}
		@SuppressWarnings("unchecked")
		Map.Entry<String, String>[] fields = new Map.Entry[this.header.length];
		for (int i = 0; i < fields.length; i++) {
			fields[i] = Map.entry(this.header[i], this.cells.get(i));
		}
		return new FeedRecord(line, raw, Map.ofEntries(fields), null);
	}

	private @Nullable String nextNonBlankLine() {
		String line = this.lines.next();
		while (line != null && line.isEmpty()) {
			line = this.lines.next();
		}
		return line;
	}

	/**
	 * Splits the record that starts with the given line into {@link #cells}, reading on while a quoted field is open,
	 * and returns its raw text; a malformed record ends at the end of the line the fault is on and sets
	 * {@link #malformed}. A record longer than {@link PhysicalLines#MAX_LINE_BYTES} is read past to its end, its
	 * text comes back cut and {@link #tooLongBytes} is set.
	 */
	private String split(String firstLine) {
		this.cells.clear();
		this.malformed = null;
		this.tooLongBytes = 0;
		PhysicalLines.TooLong tooLong = this.lines.tooLong();
		if (tooLong != null) {
			return skipTooLongRecord(firstLine, this.lines.lineNumber(), tooLong.bytes(), tooLong.quotes());
		}
		StringBuilder raw = null;
		String text = firstLine;
		int length = text.length();
		int nextQuote = -1;
		int i = 0;
		while (true) {
			if (i < length && text.charAt(i) == '"') {
				long quoteLine = this.lines.lineNumber();
				this.quoted.setLength(0);
				i++;
				int close = text.indexOf('"', i);
				while (close < 0 || (close + 1 < length && text.charAt(close + 1) == '"')) {
					if (close < 0) {
						this.quoted.append(text, i, length).append('\n');
						text = this.lines.next();
						if (text == null) {
							throw new FeedFileException(this.file, quoteLine, "unterminated quoted field");
						}
						raw = ((raw != null) ? raw : new StringBuilder(firstLine)).append('\n');
						tooLong = this.lines.tooLong();
						if (tooLong != null || raw.length() + text.length() > PhysicalLines.MAX_LINE_BYTES) {
							// a quoted field is open where this line starts: an odd count of quotes so far
							long bytes = LedgerText.utf8Length(raw)
									+ ((tooLong != null) ? tooLong.bytes() : LedgerText.utf8Length(text));
							long quotes = 1 + ((tooLong != null) ? tooLong.quotes() : quotes(text));
							return skipTooLongRecord(raw.append(text), quoteLine, bytes, quotes);
						}
						raw.append(text);
						length = text.length();
						nextQuote = -1;
						i = 0;
					}
					else {
						this.quoted.append(text, i, close + 1);
						i = close + 2;
					}
					close = text.indexOf('"', i);
				}
				this.quoted.append(text, i, close);
				this.cells.add(this.quoted.toString());
				i = close + 1;
				if (i == length) {
					break;
				}
				if (text.charAt(i) != ',') {
					this.malformed = "text after the closing quote of field " + this.cells.size();
					break;
				}
				i++;
			}
			else {
				int comma = text.indexOf(',', i);
				int cellEnd = (comma < 0) ? length : comma;
				if (nextQuote < i) {
					nextQuote = text.indexOf('"', i);
					nextQuote = (nextQuote < 0) ? Integer.MAX_VALUE : nextQuote;
				}
				if (nextQuote < cellEnd) {
					this.malformed = "quote inside unquoted field " + (this.cells.size() + 1);
					break;
				}
				this.cells.add(text.substring(i, cellEnd));
				if (comma < 0) {
					break;
				}
				i = comma + 1;
			}
		}
		return (raw != null) ? raw.toString() : firstLine;
	}

	/**
	 * Reads past the rest of a record too long to keep: while its quotes leave a quoted field open, the record goes
	 * on to the next line.
	 * @param start the start of the record's text
	 * @param bytes the UTF-8 size of the record so far, its line breaks included
	 * @param quotes the double quotes in the record so far
	 * @return the record's text cut as the ledger keeps it
	 */
	private String skipTooLongRecord(CharSequence start, long quoteLine, long bytes, long quotes) {
		while (quotes % 2 != 0) {
			String text = this.lines.next();
			if (text == null) {
				throw new FeedFileException(this.file, quoteLine, "unterminated quoted field");
			}
			PhysicalLines.TooLong tooLong = this.lines.tooLong();
			bytes += 1 + ((tooLong != null) ? tooLong.bytes() : LedgerText.utf8Length(text));
			quotes += (tooLong != null) ? tooLong.quotes() : quotes(text);
		}
		this.tooLongBytes = bytes;
		return LedgerText.cut(start, bytes);
	}

	private static long quotes(String text) {
		long quotes = 0;
		for (int i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) {
			quotes++;
		}
		return quotes;
	}

	@Override
	public long position() {
		return this.lines.position();
	}

	@Override
	public void close() throws IOException {
		this.lines.close();
	}

}
