package io.ambar.feed;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.jspecify.annotations.Nullable;

/**
 * The physical lines of a feed file, plain or gzip, split at LF with a CR before it dropped and a BOM at the start
 * ignored, each decoded as strict UTF-8; broken bytes fail with a {@link FeedFileException} naming the line. A line
 * longer than {@link #MAX_LINE_BYTES} is read past and comes back cut. Not thread-safe.
 */
final class PhysicalLines implements Closeable {

	/** Longer lines are read past, not held, so that memory stays bounded whatever the file holds. */
	static final int MAX_LINE_BYTES = 1 << 20;

	private static final int BUFFER_BYTES = 1 << 16;

	private final Path file;

	private final InputStream in;

	/** The file's bytes as stored, counted as they are read. */
	private final CountingInputStream stored;

	private final boolean gzip;

	private final long maxDecompressedBytes;

	private long decompressedBytes;

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private byte[] buffer = new byte[BUFFER_BYTES];

	private CharBuffer chars = CharBuffer.allocate(256);

	private int start;

	private int end;

	private boolean endOfInput;

	private long line;

	private @Nullable TooLong tooLong;

	private PhysicalLines(Path file, CountingInputStream stored, InputStream in, boolean gzip,
			long maxDecompressedBytes) {
		this.file = file;
		this.stored = stored;
		this.in = in;
		this.gzip = gzip;
		this.maxDecompressedBytes = maxDecompressedBytes;
	}

	/**
	 * Opens the file.
	 * @param maxDecompressedBytes the most a gzip file may expand to before it fails
	 */
	static PhysicalLines open(Path file, long maxDecompressedBytes) {
		boolean gzip = FeedFormat.isGzip(file);
		CountingInputStream in;
		try {
			in = new CountingInputStream(Files.newInputStream(file));
		}
		catch (IOException ex) {
			throw new FeedFileException(file, 0, "cannot read: " + describe(ex), ex);
		}
		if (!gzip) {
			return new PhysicalLines(file, in, in, false, maxDecompressedBytes);
		}
		try {
			return new PhysicalLines(file, in, new GZIPInputStream(in, BUFFER_BYTES), true, maxDecompressedBytes);
		}
		catch (IOException ex) {
			closeQuietly(in, ex);
			throw new FeedFileException(file, 0, "corrupt gzip: " + describe(ex), ex);
		}
	}

	/** The 1-based number of the line last returned by {@link #next()}. */
	long lineNumber() {
		return this.line;
	}

	/**
	 * Returns the next line without its terminator, or {@code null} after the last one. A line longer than
	 * {@link #MAX_LINE_BYTES} is read past without being held: only its first {@link LedgerText#KEPT_CHARS} + 1
	 * characters come back, and {@link #tooLong()} tells its size.
	 */
	@Nullable String next() {
		this.tooLong = null;
		int from = this.start;
		int newline = indexOfNewline(from);
		while (newline < 0) {
			if (this.end - this.start > MAX_LINE_BYTES) {
				return skipTooLongLine();
			}
			if (this.endOfInput) {
				if (this.start == this.end) {
					return null;
				}
				this.start = this.end;
				return decode(from, withoutCarriageReturn(from, this.end));
			}
			fill();
			from = this.start;
			newline = indexOfNewline(from);
		}
		this.start = newline + 1;
		return decode(from, withoutCarriageReturn(from, newline));
	}

	/**
	 * How far into the file, as stored, the lines returned so far reach, at least: exact for a plain file; for gzip
	 * the compressed bytes read, less what may be read ahead of those lines (the inflater's input buffer, and the
	 * buffered lines as if they had not compressed at all).
	 */
	long position() {
		long unread = this.end - this.start;
		if (!this.gzip) {
			return this.stored.count() - unread;
		}
		return Math.max(0, this.stored.count() - BUFFER_BYTES - unread - unread / 64 - 1024);
	}

	/** The size of the line last returned by {@link #next()} when it was too long, or null. */
	@Nullable TooLong tooLong() {
		return this.tooLong;
	}

	/**
	 * Reads past a line longer than {@link #MAX_LINE_BYTES} to its LF, a buffer at a time: its bytes are decoded
	 * only to check them, its first characters kept, its bytes and quotes counted.
	 */
	private String skipTooLongLine() {
		this.line++;
		if (this.line == 1 && startsWithBom(this.start, this.end)) {
			this.start += 3;
		}
		if (this.chars.capacity() < BUFFER_BYTES) {
			this.chars = CharBuffer.allocate(BUFFER_BYTES);
		}
		this.decoder.reset();
		StringBuilder kept = new StringBuilder(LedgerText.KEPT_CHARS + 1);
		long bytes = 0;
		long quotes = 0;
		long decoded = 0;
		byte lastByte = 0;
		int counted = this.start;
		while (true) {
			int newline = indexOfNewline(counted);
			int to = (newline >= 0) ? newline : this.end;
			for (int i = counted; i < to; i++) {
				if (this.buffer[i] == '"') {
					quotes++;
				}
			}
			bytes += to - counted;
			lastByte = (to > counted) ? this.buffer[to - 1] : lastByte;
			boolean last = (newline >= 0) || this.endOfInput;
			decoded = decodeChecked(to, last, kept, decoded);
			if (last) {
				this.start = (newline >= 0) ? newline + 1 : this.end;
				break;
			}
			// at most the bytes of one incomplete character are left undecoded; they move to the front
			int undecoded = this.end - this.start;
			fill();
			counted = this.start + undecoded;
		}
		if (lastByte == '\r') {
			bytes--;
		}
		this.tooLong = new TooLong(bytes, quotes);
		return kept.toString();
	}

	/**
	 * Decodes {@code buffer[start, to)} to check it, keeping the characters the ledger will show, and moves
	 * {@link #start} past what was decoded.
	 * @return the bytes of the line decoded so far
	 */
	private long decodeChecked(int to, boolean last, StringBuilder kept, long decodedBefore) {
		int from = this.start;
		ByteBuffer bytes = ByteBuffer.wrap(this.buffer, from, to - from);
		CoderResult result;
		do {
			this.chars.clear();
			result = this.decoder.decode(bytes, this.chars, last);
			if (result.isError()) {
				throw new FeedFileException(this.file, this.line,
						"invalid UTF-8 at byte " + (decodedBefore + bytes.position() - from + 1) + " of the line");
			}
			keep(kept);
		}
		while (result.isOverflow());
		if (last) {
			this.chars.clear();
			this.decoder.flush(this.chars);
			keep(kept);
		}
		this.start = bytes.position();
		return decodedBefore + (bytes.position() - from);
	}

	private void keep(StringBuilder kept) {
		this.chars.flip();
		int room = LedgerText.KEPT_CHARS + 1 - kept.length();
		if (room > 0) {
			kept.append(this.chars, 0, Math.min(room, this.chars.remaining()));
		}
	}

	private int withoutCarriageReturn(int from, int to) {
		return (to > from && this.buffer[to - 1] == '\r') ? to - 1 : to;
	}

	private int indexOfNewline(int from) {
		byte[] bytes = this.buffer;
		for (int i = from; i < this.end; i++) {
			if (bytes[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	/** Moves the unread bytes to the front, growing the buffer when one line fills it, and reads more. */
	private void fill() {
		int unread = this.end - this.start;
		if (unread == this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.min(this.buffer.length * 2, MAX_LINE_BYTES + 1));
		}
		else if (this.start > 0) {
			System.arraycopy(this.buffer, this.start, this.buffer, 0, unread);
		}
		this.start = 0;
		this.end = unread;
		int read = read(this.buffer, unread, this.buffer.length - unread);
		if (read < 0) {
			this.endOfInput = true;
		}
		else {
			this.end += read;
			this.decompressedBytes += read;
			if (this.gzip && this.decompressedBytes > this.maxDecompressedBytes) {
				throw new FeedFileException(this.file, this.line + 1, String.format(Locale.ROOT, "expands to more than "
						+ "%,d bytes uncompressed, the limit set by ambar.feed.max-decompressed-size",
						this.maxDecompressedBytes));
			}
		}
	}

	private int read(byte[] into, int offset, int length) {
		try {
			return this.in.read(into, offset, length);
		}
		catch (ZipException | EOFException ex) {
			if (this.gzip) {
				throw new FeedFileException(this.file, this.line + 1, "corrupt gzip: " + describe(ex), ex);
			}
			throw new FeedFileException(this.file, this.line + 1, "cannot read: " + describe(ex), ex);
		}
		catch (IOException ex) {
			throw new FeedFileException(this.file, this.line + 1, "cannot read: " + describe(ex), ex);
		}
	}

	private String decode(int from, int to) {
		this.line++;
		if (this.line == 1 && startsWithBom(from, to)) {
			from += 3;
		}
		if (isAscii(from, to)) {
			return new String(this.buffer, from, to - from, StandardCharsets.ISO_8859_1);
		}
		return decodeUtf8(from, to);
	}

	private boolean startsWithBom(int from, int to) {
		return to - from >= 3 && this.buffer[from] == (byte) 0xEF && this.buffer[from + 1] == (byte) 0xBB
				&& this.buffer[from + 2] == (byte) 0xBF;
	}

	private boolean isAscii(int from, int to) {
		byte[] bytes = this.buffer;
		for (int i = from; i < to; i++) {
			if (bytes[i] < 0) {
				return false;
			}
		}
		return true;
	}

	private String decodeUtf8(int from, int to) {
		ByteBuffer bytes = ByteBuffer.wrap(this.buffer, from, to - from);
		if (this.chars.capacity() < to - from) {
			this.chars = CharBuffer.allocate(to - from);
		}
		this.chars.clear();
		this.decoder.reset();
		CoderResult result = this.decoder.decode(bytes, this.chars, true);
		if (!result.isError()) {
			result = this.decoder.flush(this.chars);
		}
		if (result.isError()) {
			throw new FeedFileException(this.file, this.line,
					"invalid UTF-8 at byte " + (bytes.position() - from + 1) + " of the line");
		}
		this.chars.flip();
		return this.chars.toString();
	}

	private static String describe(IOException ex) {
		if (ex instanceof NoSuchFileException) {
			return "no such file";
		}
		if (ex instanceof AccessDeniedException) {
			return "access denied";
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private static void closeQuietly(InputStream in, Exception failure) {
		try {
			in.close();
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/** Counts the bytes read from the file as stored. */
	private static final class CountingInputStream extends FilterInputStream {

		private long count;

		CountingInputStream(InputStream in) {
			super(in);
		}

		long count() {
			return this.count;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			this.count += (b >= 0) ? 1 : 0;
			return b;
		}

		@Override
		public int read(byte[] into, int offset, int length) throws IOException {
			int read = super.read(into, offset, length);
			this.count += Math.max(read, 0);
			return read;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(n);
			this.count += skipped;
			return skipped;
		}

	}

	/**
	 * A line longer than {@link #MAX_LINE_BYTES}.
	 * @param bytes its size without the line terminator
	 * @param quotes the double quotes in it, which tell a CSV reader whether a quoted field is still open
	 */
	record TooLong(long bytes, long quotes) {
	}

}
