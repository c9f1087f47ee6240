package io.ambar.ops.cli;

import java.time.Duration;

import io.ambar.ops.ExecutionViews.Detail;

/**
 * Follows an execution that runs to its end, drawing one progress line on a terminal (step, items, rows/s, ETA),
 * and returns it as it ended. Works the same on a local run and on one in a server.
 */
final class Follow {

	private static final Duration POLL = Duration.ofMillis(500);

	private Follow() {
	}

	static Detail toTheEnd(OperatorClient client, long id, Console console) throws InterruptedException {
		while (true) {
			Detail detail = client.execution(id);
			if (!isRunning(detail.summary().status())) {
				if (console.terminal()) {
					console.err().print("\r\033[K");
				}
				return detail;
			}
			if (console.terminal() && detail.progress() != null) {
				console.err().print("\r\033[K" + detail.summary().job() + " " + id + ": " + Reports.progress(detail.progress()));
			}
			client.awaitChange(id, POLL);
		}
	}

	private static boolean isRunning(String status) {
		return status.equals("STARTING") || status.equals("STARTED") || status.equals("STOPPING");
	}

	/** 0 for COMPLETED, 1 for anything else (FAILED, STOPPED, ...). */
	static int exitCode(Detail detail) {
		return detail.summary().status().equals("COMPLETED") ? ClientCommand.OK : ClientCommand.FAILED;
	}

}
