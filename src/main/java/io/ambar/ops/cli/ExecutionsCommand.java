package io.ambar.ops.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.ambar.ops.ExecutionQueries;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;

/**
 * {@code executions [--job NAME] [--status STATUS] [--from T] [--to T] [--param NAME=VALUE] [--limit N]
 * [--cursor C]}: the executions, newest first, a page at a time.
 */
final class ExecutionsCommand implements ClientCommand {

	static final int DEFAULT_LIMIT = 20;

	@Override
	public String name() {
		return "executions";
	}

	@Override
	public String usage() {
		return "[--job NAME] [--status STATUS] [--from T] [--to T] [--param NAME=VALUE] [--limit N] [--cursor C]"
				+ "  the executions, newest first";
	}

	@Override
	public Set<String> options() {
		return Set.of("job", "status", "from", "to", "param", "limit", "cursor");
	}

	@Override
	public int run(CommandArguments arguments, OperatorClient client, Console console) {
		if (!arguments.positional().isEmpty()) {
			throw new UsageException("unexpected '" + arguments.positional().get(0) + "'; usage: executions " + usage());
		}
		String parameter = null;
		String value = null;
		String param = arguments.option("param");
		if (param != null) {
			int eq = param.indexOf('=');
			if (eq <= 0) {
				throw new UsageException("--param must be NAME=VALUE, not '" + param + "'");
			}
			parameter = param.substring(0, eq);
			value = param.substring(eq + 1);
		}
		var filter = new ExecutionQueries.Filter(arguments.option("job"), status(arguments.option("status")),
				instant("from", arguments.option("from")), instant("to", arguments.option("to")), parameter, value);
		var page = client.executions(filter, arguments.option("cursor"), limit(arguments.option("limit")));
		if (console.json()) {
			console.printJson(page);
		}
		else {
			Reports.executions(page, console);
		}
		return OK;
	}

	private static @Nullable BatchStatus status(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return BatchStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("unknown status '" + text + "' (statuses: " + List.of(BatchStatus.values()) + ")");
		}
	}

	private static @Nullable Instant instant(String option, @Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("--" + option + " must be an instant such as 2026-11-30T00:00:00Z, not '" + text + "'");
		}
	}

	private static int limit(@Nullable String text) {
		if (text == null) {
			return DEFAULT_LIMIT;
		}
		try {
			int limit = Integer.parseInt(text.strip());
			if (limit > 0 && limit <= ExecutionQueries.MAX_LIMIT) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException("--limit must be a whole number from 1 to " + ExecutionQueries.MAX_LIMIT + ", not '"
				+ text + "'");
	}

}
