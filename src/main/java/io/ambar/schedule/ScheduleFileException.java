package io.ambar.schedule;

import java.util.List;

/**
 * Schedule files that cannot be used: a server refuses to start on them, so that a typo never silently drops or
 * changes a schedule. The message lists every problem, each naming the file, the line and the field.
 */
public class ScheduleFileException extends RuntimeException {

	private final List<String> problems;

	ScheduleFileException(List<String> problems) {
		super(message(problems));
		this.problems = List.copyOf(problems);
	}

	/** Each problem, as {@code path:line: field: what is wrong}. */
	public List<String> problems() {
		return this.problems;
	}

	private static String message(List<String> problems) {
		return (problems.size() == 1) ? "Bad schedule file: " + problems.get(0)
				: problems.size() + " problems in schedule files:\n  " + String.join("\n  ", problems);
	}

}
