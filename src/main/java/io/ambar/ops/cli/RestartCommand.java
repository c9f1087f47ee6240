package io.ambar.ops.cli;


/**
 * {@code restart <executionId>}: restarts a FAILED or STOPPED execution, or one whose process is gone (first
 * marked FAILED), and follows it to its end like {@code run}. The rules are {@link io.ambar.ops.JobRestarts}'.
 */
final class RestartCommand implements ClientCommand {

	@Override
	public String name() {
		return "restart";
	}

	@Override
	public String usage() {
		return "<executionId>  restart a failed, stopped or crashed execution and run it to its end";
	}

	@Override
	public int run(CommandArguments arguments, OperatorClient client, Console console) throws Exception {
		long id = arguments.executionId("restart " + usage());
		OperatorClient.Started started = client.restart(id);
		if (started.note() != null && !console.json()) {
			console.out().println(started.note());
		}
		// no ETA: a restarted load resumes mid-file, and its own counts start at zero
		var ended = Follow.toTheEnd(client, started.id(), console);
		if (console.json()) {
			console.printJson(ended);
		}
		else {
			Reports.report(ended, console.out());
		}
		return Follow.exitCode(ended);
	}

}
