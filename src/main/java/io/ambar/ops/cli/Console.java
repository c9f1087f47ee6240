package io.ambar.ops.cli;

import java.io.PrintStream;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a command writes: results to {@code out}, as text that fits {@code width} or as JSON; diagnostics and the
 * progress line to {@code err}.
 *
 * @param json print results as JSON instead of text
 * @param width the terminal's width in columns (COLUMNS), or a large number when not on a terminal
 * @param terminal whether a person watches: a progress line is drawn
 */
public record Console(PrintStream out, PrintStream err, boolean json, int width, boolean terminal) {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/** The process's console: width from {@code COLUMNS} on a terminal. */
	public static Console system(boolean json) {
		boolean terminal = System.console() != null;
		int width = Integer.MAX_VALUE;
		String columns = System.getenv("COLUMNS");
		if (columns != null && columns.matches("[0-9]{2,4}")) {
			width = Integer.parseInt(columns);
		}
		else if (terminal) {
			width = 120;
		}
		return new Console(System.out, System.err, json, width, terminal);
	}

	/** Prints a result as JSON. */
	public void printJson(Object result) {
		this.out.println(JSON.writeValueAsString(result));
	}

}
