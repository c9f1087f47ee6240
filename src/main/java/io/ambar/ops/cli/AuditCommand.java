package io.ambar.ops.cli;

import java.util.Set;


/**
 * {@code audit [--limit N] [--before ID]}: who did what, when, and with what outcome, newest first.
 */
final class AuditCommand implements ClientCommand {

	@Override
	public String name() {
		return "audit";
	}

	@Override
	public String usage() {
		return "[--limit N] [--before ID]  the audit trail of operator actions, newest first";
	}

	@Override
	public Set<String> options() {
		return Set.of("limit", "before");
	}

	@Override
	public int run(CommandArguments arguments, OperatorClient client, Console console) {
		int limit = number(arguments.option("limit"), 50).intValue();
		Long before = (arguments.option("before") != null) ? number(arguments.option("before"), 0) : null;
		var entries = client.audit(before, limit);
		if (console.json()) {
			console.printJson(entries);
		}
		else {
			Reports.audit(entries, console);
		}
		return OK;
	}

	private static Long number(String text, long otherwise) {
		if (text == null) {
			return otherwise;
		}
		if (!text.matches("[1-9][0-9]{0,17}")) {
			throw new UsageException("expected a positive whole number, not '" + text + "'");
		}
		return Long.valueOf(text);
	}

}
