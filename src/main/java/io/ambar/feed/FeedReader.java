package io.ambar.feed;

import java.io.IOException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;
import org.springframework.batch.infrastructure.item.ReaderNotOpenException;
import org.springframework.util.unit.DataSize;

/**
 * Streams the records of one CSV or JSON Lines feed file, plain or gzip, told apart by the file name (see
 * {@link FeedFormat}); a record that cannot be used carries a {@link RowProblem}, a file that cannot be used fails
 * with a {@link FeedFileException}. On restart it re-reads the file up to the last saved record count. Not
 * thread-safe: one step thread reads it.
 */
public class FeedReader extends ItemStreamSupport implements ItemStreamReader<FeedRecord> {

	private static final String RECORDS_KEY = "records";

	private static final String LINE_KEY = "line";

	private static final String POSITION_KEY = "position";

	private final Path file;

	private final FeedFields fields;

	private final boolean allowEmpty;

	private final long maxDecompressedBytes;

	private @Nullable RecordSource source;

	private long records;

	private long line;

	/**
	 * Creates a reader of the given file.
	 * @param file the feed file; {@code .jsonl} or {@code .jsonl.gz} is JSON Lines, anything else CSV, and a
	 * {@code .gz} suffix means gzip
	 * @param fields the columns a CSV header must have (any case) and the JSON type of each JSON Lines field
	 * @param allowEmpty whether a file without data records is accepted rather than refused
	 * @param maxDecompressedSize the most a gzip file may expand to; past it the file fails
	 */
	public FeedReader(Path file, FeedFields fields, boolean allowEmpty, DataSize maxDecompressedSize) {
		this.file = file;
		this.fields = fields;
		this.allowEmpty = allowEmpty;
		this.maxDecompressedBytes = maxDecompressedSize.toBytes();
	}

	/**
	 * Opens the file and, for CSV, checks its header; with saved state in the context, skips the records read before
	 * the last checkpoint.
	 * @throws FeedFileException when the file cannot be read, its header is unusable, or it no longer matches the
	 * saved state
	 */
	@Override
	public void open(ExecutionContext executionContext) {
		this.records = 0;
		this.line = 0;
		this.source = (FeedFormat.of(this.file) == FeedFormat.JSONL)
				? JsonLines.open(this.file, this.fields, this.maxDecompressedBytes)
				: CsvRecords.open(this.file, this.fields.requiredColumns(), this.maxDecompressedBytes);
		if (executionContext.containsKey(getExecutionContextKey(RECORDS_KEY))) {
			try {
				skipTo(executionContext.getLong(getExecutionContextKey(RECORDS_KEY)),
						executionContext.getLong(getExecutionContextKey(LINE_KEY), 0));
			}
			catch (RuntimeException ex) {
				close();
				throw ex;
			}
		}
	}

	/** Re-reads and drops the records of the earlier run, since gzip cannot seek and CSV records span lines. */
	private void skipTo(long savedRecords, long savedLine) {
		while (this.records < savedRecords) {
			if (read() == null) {
				throw new FeedFileException(this.file, 0, "has " + this.records + " records, fewer than the "
						+ savedRecords + " read before the restart; was the file replaced?");
			}
		}
		if (savedLine != 0 && this.line != savedLine) {
			throw new FeedFileException(this.file, this.line, "record " + savedRecords + " starts here, not on line "
					+ savedLine + " as before the restart; was the file replaced?");
		}
	}

	/**
	 * Returns the next record, or {@code null} at the end of the file.
	 * @throws FeedFileException when the bytes are broken, a gzip file expands past its limit or, at the end, the
	 * file had no data record and that is not allowed
	 * @throws ReaderNotOpenException when the reader is not open
	 */
	@Override
	public @Nullable FeedRecord read() {
		RecordSource current = this.source;
		if (current == null) {
			throw new ReaderNotOpenException("FeedReader must be opened before it is read");
		}
		FeedRecord record = current.next();
		if (record == null) {
			if (this.records == 0 && !this.allowEmpty) {
				throw new FeedFileException(this.file, 0, "no data rows");
			}
			return null;
		}
		this.records++;
		this.line = record.line();
		return record;
	}

	/**
	 * Saves the number of records read so far, the line the last one started on, and how far into the file as
	 * stored they reach (see {@link #position(ExecutionContext, String)}).
	 */
	@Override
	public void update(ExecutionContext executionContext) {
		RecordSource current = this.source;
		update(executionContext, new Checkpoint(this.records, this.line, (current != null) ? current.position() : -1));
	}

	/** What {@link #update(ExecutionContext)} would save now: for a reader that saves on another thread. */
	Checkpoint checkpoint() {
		RecordSource current = this.source;
		return new Checkpoint(this.records, this.line, (current != null) ? current.position() : -1);
	}

	/** Saves a checkpoint taken earlier, as {@link #update(ExecutionContext)} saves the current one. */
	void update(ExecutionContext executionContext, Checkpoint checkpoint) {
		executionContext.putLong(getExecutionContextKey(RECORDS_KEY), checkpoint.records());
		executionContext.putLong(getExecutionContextKey(LINE_KEY), checkpoint.line());
		if (checkpoint.position() >= 0) {
			executionContext.putLong(getExecutionContextKey(POSITION_KEY), checkpoint.position());
		}
	}

	/** The reader's restart state after a record: records read, the line the last one started on, the position. */
	record Checkpoint(long records, long line, long position) {
	}

	/** The records a reader of this name saved in the context, 0 when none. */
	static long records(ExecutionContext context, String readerName) {
		return context.getLong(readerName + "." + RECORDS_KEY, 0L);
	}

	/**
	 * How far into the file as stored (compressed, for gzip) the saved records reach, at least, in bytes; 0 when
	 * unknown.
	 */
	static long position(ExecutionContext context, String readerName) {
		return context.getLong(readerName + "." + POSITION_KEY, 0L);
	}

	@Override
	public void close() {
		RecordSource current = this.source;
		this.source = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				throw new ItemStreamException("Cannot close " + this.file, ex);
			}
		}
	}

}
