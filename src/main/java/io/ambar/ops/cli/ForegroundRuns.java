package io.ambar.ops.cli;

import java.io.PrintStream;
import java.util.Map;

import io.ambar.ops.ExecutionViews.Detail;

/**
 * Running a job to its end from a command other than {@code run} (the demo), the way {@code run} does.
 */
public final class ForegroundRuns {

	private ForegroundRuns() {
	}

	/** Launches the job and follows it to its end, with a progress line on a terminal. */
	public static Detail runToEnd(OperatorClient client, String job, Map<String, String> parameters)
			throws InterruptedException {
		return Follow.toTheEnd(client, client.launch(job, parameters), Console.system(false));
	}

	/** Prints what an operator reads after a run. */
	public static void report(Detail ended, PrintStream out) {
		Reports.report(ended, out);
	}

	/** 0 for COMPLETED, 1 for anything else. */
	public static int exitCode(Detail ended) {
		return Follow.exitCode(ended);
	}

}
