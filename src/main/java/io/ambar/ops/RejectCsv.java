package io.ambar.ops;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import io.ambar.feed.LedgerText;
import io.ambar.feed.Reject;

import org.jspecify.annotations.Nullable;

/**
 * Writes rejects as CSV ({@code line,reason,sku,detail,raw,raw_cut}): RFC 4180 quoting and CRLF line ends, and cells
 * that a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, CR first) prefixed
 * with {@code '}, so that opening a feed's rejects cannot run what the feed's author wrote in them. {@code raw_cut}
 * is {@code true} where the ledger kept only the start of a long line ({@link LedgerText}).
 */
final class RejectCsv {

	static final String HEADER = "line,reason,sku,detail,raw,raw_cut";

	private RejectCsv() {
	}

	static void write(List<Reject> rejects, Writer out) throws IOException {
		out.write(HEADER);
		out.write("\r\n");
		for (Reject reject : rejects) {
			out.write(Long.toString(reject.line()));
			for (String cell : new String[] { reject.reason(), reject.sku(), reject.detail(), reject.raw() }) {
				out.write(',');
				out.write(cell(cell));
			}
			out.write(LedgerText.isCut(reject.raw()) ? ",true" : ",false");
			out.write("\r\n");
		}
	}

	/** One cell: defused if it could start a formula, quoted if it holds a comma, quote or line break. */
	static String cell(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String text = switch (value.charAt(0)) {
			case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
			default -> value;
		};
		boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
				|| text.indexOf('\r') >= 0;
		return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
	}

}
