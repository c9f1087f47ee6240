package io.ambar.ops.cli;


/**
 * {@code jobs [NAME]}: every job with its last run, last success and next fire; or one job's parameters.
 */
final class JobsCommand implements ClientCommand {

	@Override
	public String name() {
		return "jobs";
	}

	@Override
	public String usage() {
		return "[NAME]  the jobs with their last run and next fire; with a name, the job's parameters";
	}

	@Override
	public int run(CommandArguments arguments, OperatorClient client, Console console) {
		if (arguments.positional().size() > 1) {
			throw new UsageException("expected at most one job name; usage: jobs " + usage());
		}
		if (arguments.positional().isEmpty()) {
			var jobs = client.jobs();
			if (console.json()) {
				console.printJson(jobs);
			}
			else {
				Reports.jobs(jobs, console);
			}
			return OK;
		}
		var job = client.job(arguments.positional().get(0));
		if (console.json()) {
			console.printJson(job);
		}
		else {
			Reports.job(job, console);
		}
		return OK;
	}

}
