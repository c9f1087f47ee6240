package io.ambar.feed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)}, sent on the connection of the current
 * transaction, so that they commit with the chunk. COPY is ten times faster than INSERT for staging rows.
 */
public final class CopyIn {

	/** Characters encoded and sent at a time. */
	private static final int SLICE = 1 << 16;

	private final StringBuilder rows = new StringBuilder(1 << 16);

	private boolean rowStarted;

	/** Adds a field to the current row; null is SQL NULL (an unquoted empty field). */
	public CopyIn add(@org.jspecify.annotations.Nullable String value) {
		separate();
		if (value == null) {
			return this;
		}
		this.rows.append('"');
		// one pass; the text between the characters to escape is copied in bulk
		int from = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\0') {
				this.rows.append(value, from, i);
				// PostgreSQL text cannot hold U+0000; keep the evidence readable
				this.rows.append((c == '"') ? "\"\"" : "\\u0000");
				from = i + 1;
			}
		}
		this.rows.append(value, from, value.length());
		this.rows.append('"');
		return this;
	}

	public CopyIn add(long value) {
		separate();
		this.rows.append(value);
		return this;
	}

	public CopyIn endRow() {
		this.rows.append('\n');
		this.rowStarted = false;
		return this;
	}

	/**
	 * Copies the rows into the table's columns on the transaction's connection.
	 * @param target e.g. {@code stage_stock_12 (line_no, sku, quantity, raw)}, never built from feed values
	 * @return the number of rows copied
	 * @throws IllegalArgumentException when a value holds an unpaired surrogate, which has no UTF-8 form; the COPY
	 * is cancelled, nothing of it is stored
	 */
	public long copyInto(DataSource dataSource, String target) throws SQLException, IOException {
		if (this.rows.isEmpty()) {
			return 0;
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			var copy = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY " + target + " FROM STDIN (FORMAT csv)");
			try {
				sendAsUtf8(copy);
				return copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/**
	 * Encodes the rows as one continuous UTF-8 stream. The driver's {@code copyIn(String, Reader)} encodes each
	 * buffer on its own, so a surrogate pair split between two buffers became two {@code ?}; here the encoder
	 * carries a high surrogate over to the next slice, and reports rather than replaces what it cannot encode.
	 */
	private void sendAsUtf8(org.postgresql.copy.CopyIn copy) throws SQLException {
		CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		int length = this.rows.length();
		char[] slice = new char[Math.min(SLICE, length)];
		CharBuffer in = CharBuffer.wrap(slice);
		in.limit(0);
		// three bytes per char at most (a pair is two chars, four bytes): one slice never overflows it
		ByteBuffer out = ByteBuffer.allocate(slice.length * 3);
		int next = 0;
		boolean last;
		do {
			in.compact();
			int count = Math.min(in.remaining(), length - next);
			this.rows.getChars(next, next + count, slice, in.position());
			in.position(in.position() + count);
			in.flip();
			next += count;
			last = (next == length);
			CoderResult result = encoder.encode(in, out, last);
			if (result.isError()) {
				throw unpairedSurrogate(next - in.remaining());
			}
			send(copy, out);
		}
		while (!last);
		encoder.flush(out);
		send(copy, out);
	}

	private static void send(org.postgresql.copy.CopyIn copy, ByteBuffer out) throws SQLException {
		if (out.position() > 0) {
			copy.writeToCopy(out.array(), 0, out.position());
			out.clear();
		}
	}

	private IllegalArgumentException unpairedSurrogate(int at) {
		int from = Math.max(0, at - 40);
		return new IllegalArgumentException(String.format(Locale.ROOT,
				"COPY refused an unpaired surrogate \\u%04x, which has no UTF-8 form, after '%s': a validator must "
						+ "reject such text (INVALID_TEXT) before it is staged",
				(int) this.rows.charAt(at), this.rows.substring(from, at)));
	}

	private void separate() {
		if (this.rowStarted) {
			this.rows.append(',');
		}
		this.rowStarted = true;
	}

}
