package io.ambar.ops.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A text table for a terminal: columns as wide as their widest cell, numbers right-aligned, and the last column
 * cut (with "...") so that a row fits the terminal's width. Control characters in cells are escaped, so a feed's
 * text cannot move the cursor.
 */
final class Table {

	private final List<String> headers;

	private final boolean[] right;

	private final List<String[]> rows = new ArrayList<>();

	/** @param headers a header ending in {@code >} is right-aligned (the {@code >} is not shown) */
	Table(String... headers) {
		this.headers = new ArrayList<>();
		this.right = new boolean[headers.length];
		for (int i = 0; i < headers.length; i++) {
			this.right[i] = headers[i].endsWith(">");
			this.headers.add(this.right[i] ? headers[i].substring(0, headers[i].length() - 1) : headers[i]);
		}
	}

	Table row(@Nullable Object... cells) {
		String[] row = new String[this.headers.size()];
		for (int i = 0; i < row.length; i++) {
			row[i] = (i < cells.length && cells[i] != null) ? shown(cells[i].toString()) : "";
		}
		this.rows.add(row);
		return this;
	}

	boolean isEmpty() {
		return this.rows.isEmpty();
	}

	void print(PrintStream out, int width) {
		int columns = this.headers.size();
		int[] widths = new int[columns];
		for (int i = 0; i < columns; i++) {
			widths[i] = this.headers.get(i).length();
			for (String[] row : this.rows) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		int fixed = 0;
		for (int i = 0; i < columns - 1; i++) {
			fixed += widths[i] + 2;
		}
		int last = Math.max(10, Math.min(widths[columns - 1], (width == Integer.MAX_VALUE) ? Integer.MAX_VALUE : width - fixed));
		widths[columns - 1] = last;
		print(out, this.headers.toArray(String[]::new), widths);
		this.rows.forEach(row -> print(out, row, widths));
	}

	private void print(PrintStream out, String[] cells, int[] widths) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.length; i++) {
			String cell = cut(cells[i], widths[i]);
			boolean lastColumn = i == cells.length - 1;
			String format = this.right[i] ? "%" + widths[i] + "s" : (lastColumn ? "%s" : "%-" + widths[i] + "s");
			line.append(String.format(Locale.ROOT, format, cell));
			if (!lastColumn) {
				line.append("  ");
			}
		}
		out.println(line.toString().stripTrailing());
	}

	private static String cut(String text, int width) {
		return (text.length() > width) ? text.substring(0, Math.max(0, width - 3)) + "..." : text;
	}

	/** The text on one line of a terminal: control characters escaped. */
	static String shown(String text) {
		StringBuilder shown = new StringBuilder();
		text.codePoints().forEach(c -> {
			if (Character.isISOControl(c)) {
				shown.append(String.format(Locale.ROOT, "\\u%04x", c));
			}
			else {
				shown.appendCodePoint(c);
			}
		});
		return shown.toString();
	}

}
