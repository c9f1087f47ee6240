package io.ambar.ops.cli;


/**
 * {@code execution <id>}: one execution in full: counts, parameters (and what changed since the job's run before),
 * steps, progress, owner, failure and linked re-runs.
 */
final class ExecutionCommand implements ClientCommand {

	@Override
	public String name() {
		return "execution";
	}

	@Override
	public String usage() {
		return "<executionId>  one execution with its steps, parameters, owner and failure";
	}

	@Override
	public int run(CommandArguments arguments, OperatorClient client, Console console) {
		var detail = client.execution(arguments.executionId("execution " + usage()));
		if (console.json()) {
			console.printJson(detail);
		}
		else {
			Reports.detail(detail, console);
		}
		return OK;
	}

}
