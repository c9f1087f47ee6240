package io.ambar.ops.cli;

import java.util.LinkedHashMap;
import java.util.Map;


/**
 * {@code run <job> key=value ...}: launches a new run of a job and follows it to its end, with a progress line.
 */
final class RunCommand implements ClientCommand {

	@Override
	public String name() {
		return "run";
	}

	@Override
	public String usage() {
		return "<job> file=PATH [force=true] [allow-empty=true] [max-reject-ratio=0.05] ...  run a job to its end";
	}

	@Override
	public int run(CommandArguments arguments, OperatorClient client, Console console) throws Exception {
		if (arguments.positional().isEmpty()) {
			throw new UsageException("which job? usage: run " + usage());
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String arg : arguments.positional().subList(1, arguments.positional().size())) {
			int eq = arg.indexOf('=');
			if (eq <= 0) {
				throw new UsageException("expected key=value, got '" + arg + "'");
			}
			parameters.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		long id = client.launch(arguments.positional().get(0), parameters);
		var ended = Follow.toTheEnd(client, id, console);
		if (console.json()) {
			console.printJson(ended);
		}
		else {
			Reports.report(ended, console.out());
		}
		return Follow.exitCode(ended);
	}

}
