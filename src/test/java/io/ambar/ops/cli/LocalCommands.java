package io.ambar.ops.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * Runs an operator command in a test as the command line does on the database, refusals thrown.
 */
final class LocalCommands {

	private LocalCommands() {
	}

	static int run(OperatorClient client, PrintStream out, String name, List<String> args) throws Exception {
		ClientCommand command = ClientCommands.named(name).orElseThrow();
		return command.run(CommandArguments.parse(args, command.options()), client,
				new Console(out, System.err, false, Integer.MAX_VALUE, false));
	}

}
