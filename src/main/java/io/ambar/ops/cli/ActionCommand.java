package io.ambar.ops.cli;

import java.util.Map;
import java.util.function.BiFunction;


/**
 * {@code stop}, {@code abandon} and {@code recover <executionId>}: one action on an execution, as the operations
 * layer decides it ({@link io.ambar.ops.ExecutionActions}); prints what was done.
 */
final class ActionCommand implements ClientCommand {

	private final String name;

	private final String usage;

	private final BiFunction<OperatorClient, Long, String> action;

	private ActionCommand(String name, String usage, BiFunction<OperatorClient, Long, String> action) {
		this.name = name;
		this.usage = usage;
		this.action = action;
	}

	static ActionCommand stop() {
		return new ActionCommand("stop", "<executionId>  stop a running execution at its next chunk boundary (restartable)",
				OperatorClient::stop);
	}

	static ActionCommand abandon() {
		return new ActionCommand("abandon",
				"<executionId>  give up a failed, stopped or UNKNOWN execution: closes its job instance for good",
				OperatorClient::abandon);
	}

	static ActionCommand recover() {
		return new ActionCommand("recover",
				"<executionId>  mark an execution whose process is gone (or UNKNOWN) FAILED, so it can be restarted",
				OperatorClient::recover);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String usage() {
		return this.usage;
	}

	@Override
	public int run(CommandArguments arguments, OperatorClient client, Console console) {
		long id = arguments.executionId(this.name + " " + this.usage);
		String done = this.action.apply(client, id);
		if (console.json()) {
			console.printJson(Map.of("execution", id, "message", done));
		}
		else {
			console.out().println(done);
		}
		return OK;
	}

}
